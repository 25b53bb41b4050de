/**
 * The OpenAPI 3.1 document of the Opisto API, built from the contract's zod schemas so that the
 * document and the code cannot disagree. `scripts/build-openapi.ts` writes it to
 * `openapi/opisto-api.json`; a test checks that the committed file is up to date.
 */
import { z } from 'zod';

import {
  API_PREFIX,
  clientRecordSchema,
  debtorFilterSchema,
  debtorPageSchema,
  debtorSearchQuerySchema,
  DEFAULT_PAGE_SIZE,
  healthSchema,
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeySchema,
  MAX_BATCH_SIZE,
  MAX_PAGE_SIZE,
  problemSchema,
  recordBatchRequestSchema,
  recordBatchSchema,
  reminderBatchSchema,
  reminderHistorySchema,
  remindersRecordedSchema,
} from './contract';

export const API_VERSION = '1.0.0';

type JsonObject = Record<string, unknown>;

const PARAMETER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  kinds:
    'Kinds of pieces to look at, comma-separated: invoices, creditNotes, transactions. ' +
    'All when absent.',
  dueBefore:
    'Only pieces due strictly before this date. ' +
    'To find what fell due by 31 October, send 1 November.',
  invoicedFrom: 'Only pieces dated on or after this date.',
  invoicedTo: 'Only pieces dated on or before this date; not before invoicedFrom.',
  name: 'Part of the company name, last name or first name, in any case.',
  city: 'Part of the city, in any case.',
  postalCode: 'Start of the postcode: "31" finds the whole département.',
  email: 'Part of the e-mail address, in any case.',
  phone: 'Part of either phone number; spaces, dots and dashes are ignored.',
  notRemindedSince:
    'Only debtors never reminded, or last reminded strictly before this date ' +
    '("not reminded for N days").',
  nextLevel:
    'Only debtors whose next reminder is of this level: rappel1 when none was sent, then one ' +
    'level up; after miseEnDemeure, miseEnDemeure again.',
  page: 'Page number, from 1.',
  pageSize: `Debtors per page, ${DEFAULT_PAGE_SIZE} by default, ${MAX_PAGE_SIZE} at most.`,
};

function schemaOf(schema: z.ZodType): JsonObject {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  return json;
}

function queryParameters(shape: Record<string, z.ZodType>): JsonObject[] {
  return Object.entries(shape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    description: PARAMETER_DESCRIPTIONS[name],
    schema: schemaOf(schema),
  }));
}

function jsonResponse(description: string, reference: string): JsonObject {
  return {
    description,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${reference}` } } },
  };
}

function problemResponse(description: string): JsonObject {
  return {
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

const ERRORS = {
  '400': problemResponse('Invalid parameters; `detail` and `errors` name each one.'),
  '401': problemResponse('Missing or wrong API key.'),
  '500': problemResponse('Unexpected server error.'),
};

/** The path parameter `id` of the routes on one debtor. */
const DEBTOR_ID = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

function jsonBody(reference: string): JsonObject {
  return {
    required: true,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${reference}` } } },
  };
}

function paths(): JsonObject {
  return {
    [`${API_PREFIX}/health`]: {
      get: {
        operationId: 'getHealth',
        summary: 'Tells that the server is up; needs no key.',
        security: [],
        responses: { '200': jsonResponse('The server is up.', 'Health') },
      },
    },
    [`${API_PREFIX}/debtors`]: {
      get: {
        operationId: 'searchDebtors',
        summary: 'Searches debtors: those with at least one open piece that the filters keep.',
        parameters: queryParameters(debtorSearchQuerySchema.shape),
        responses: { '200': jsonResponse('One page of debtors.', 'DebtorPage'), ...ERRORS },
      },
    },
    [`${API_PREFIX}/debtors/{id}/record`]: {
      get: {
        operationId: 'getDebtorRecord',
        summary: 'Returns one debtor’s record, with the open pieces that the filter keeps.',
        parameters: [DEBTOR_ID, ...queryParameters(debtorFilterSchema.shape)],
        responses: {
          '200': jsonResponse('The record a letter is made from.', 'ClientRecord'),
          '404': problemResponse('No debtor has this id.'),
          ...ERRORS,
        },
      },
    },
    [`${API_PREFIX}/debtors/records`]: {
      post: {
        operationId: 'getDebtorRecords',
        summary:
          `Returns up to ${MAX_BATCH_SIZE} debtors’ records in one request. ` +
          'It only reads, so clients may retry it.',
        requestBody: jsonBody('RecordBatchRequest'),
        responses: {
          '200': jsonResponse(
            'The records in request order, and the ids not found.',
            'RecordBatch',
          ),
          ...ERRORS,
        },
      },
    },
    ...reminderPaths(),
  };
}

function reminderPaths(): JsonObject {
  return {
    [`${API_PREFIX}/debtors/{id}/reminders`]: {
      get: {
        operationId: 'getReminderHistory',
        summary: 'Returns one debtor’s reminders, newest first: by date, then by time recorded.',
        parameters: [DEBTOR_ID],
        responses: {
          '200': jsonResponse('The debtor’s reminders.', 'ReminderHistory'),
          '404': problemResponse('No debtor has this id.'),
          ...ERRORS,
        },
      },
    },
    [`${API_PREFIX}/reminders`]: {
      post: {
        operationId: 'recordReminders',
        summary:
          `Records up to ${MAX_BATCH_SIZE} reminders sent, in one transaction: all of them, or ` +
          'none when a client id matches no debtor. Each moves its debtor’s last reminder ' +
          'forward unless that one is more recent.',
        parameters: [
          {
            name: IDEMPOTENCY_KEY_HEADER,
            in: 'header',
            required: false,
            description:
              'A random key per batch. The same key and body sent again record nothing more ' +
              'and get the first answer, so clients may retry; the same key with another body ' +
              'gets a 422.',
            schema: schemaOf(idempotencyKeySchema),
          },
        ],
        requestBody: jsonBody('ReminderBatch'),
        responses: {
          '200': jsonResponse('The number of reminders recorded.', 'RemindersRecorded'),
          ...ERRORS,
          '400': problemResponse(
            'Invalid body or header, or client ids that match no debtor; `errors` names each ' +
              'one, and nothing was recorded.',
          ),
          '422': problemResponse('The idempotency key was already sent with another body.'),
        },
      },
    },
  };
}

/** Builds the whole OpenAPI 3.1 document. */
export function buildOpenApiDocument(): JsonObject {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Opisto back office: debtors for payment reminders',
      version: API_VERSION,
      description:
        'Reads debtors and their open pieces (invoices, credit notes, orders) for reminder ' +
        'letters, and records the reminders sent. Amounts are integer cents; dates are ' +
        'calendar dates (YYYY-MM-DD); credit notes count negative. Error titles are French, ' +
        'for the user.',
    },
    servers: [{ url: 'http://127.0.0.1:4010', description: 'Reference server (npm run api)' }],
    security: [{ apiKey: [] }],
    paths: paths(),
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'The API key as a bearer token.' },
      },
      schemas: {
        ClientRecord: schemaOf(clientRecordSchema),
        DebtorPage: schemaOf(debtorPageSchema),
        RecordBatchRequest: schemaOf(recordBatchRequestSchema),
        RecordBatch: schemaOf(recordBatchSchema),
        ReminderBatch: schemaOf(reminderBatchSchema),
        RemindersRecorded: schemaOf(remindersRecordedSchema),
        ReminderHistory: schemaOf(reminderHistorySchema),
        Health: schemaOf(healthSchema),
        Problem: schemaOf(problemSchema),
      },
    },
  };
}
