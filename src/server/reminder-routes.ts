/**
 * The reminder history's routes: POST /reminders records a batch after a merge, and
 * GET /debtors/{id}/reminders reads one debtor's history. Inputs are checked with the contract's
 * schemas, made strict so that a misspelt key is rejected rather than ignored.
 */
import type { Database } from 'better-sqlite3';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import {
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeySchema,
  pieceListOf,
  reminderBatchSchema,
  reminderListOf,
  reminderPieceSchema,
  reminderSchema,
} from '../api/contract';
import {
  debtorNotFound,
  FRENCH,
  idempotencyKeyReused,
  rejectInput,
  REQUEST_BODY_TITLE,
  SEARCH_PARAMETERS_TITLE,
  sendProblem,
  unknownDebtors,
} from './problems';
import { readReminderHistory, recordReminderBatch } from './reminders';

const strictReminderSchema = reminderSchema
  .extend({ pieces: pieceListOf(reminderPieceSchema.strict()) })
  .strict();
const batchSchema = reminderBatchSchema
  .extend({ reminders: reminderListOf(strictReminderSchema) })
  .strict();
const historyQuerySchema = z.object({}).strict();

// Checked inside an object so that the problem names the header.
const headersSchema = z.object({ [IDEMPOTENCY_KEY_HEADER]: idempotencyKeySchema.optional() });

export function registerReminderRoutes(api: FastifyInstance, db: Database): void {
  api.post('/reminders', async (request, reply) => {
    // Node gives header names in lower case, and a list for a header sent twice.
    const headerInput = {
      [IDEMPOTENCY_KEY_HEADER]: request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()],
    };
    const headers = headersSchema.safeParse(headerInput, FRENCH);
    if (!headers.success) {
      return rejectInput(reply, REQUEST_BODY_TITLE, headers.error, headerInput);
    }
    const body = batchSchema.safeParse(request.body, FRENCH);
    if (!body.success) {
      return rejectInput(reply, REQUEST_BODY_TITLE, body.error, request.body);
    }

    const idempotencyKey = headers.data[IDEMPOTENCY_KEY_HEADER];
    return recordBatch(request, reply, db, body.data.reminders, idempotencyKey);
  });

  api.get<{ Params: { id: string } }>('/debtors/:id/reminders', async (request, reply) => {
    const query = historyQuerySchema.safeParse(request.query, FRENCH);
    if (!query.success) {
      return rejectInput(reply, SEARCH_PARAMETERS_TITLE, query.error, request.query);
    }

    const { id } = request.params;
    return readReminderHistory(db, id) ?? sendProblem(reply, debtorNotFound(id));
  });
}

/** Records the batch and logs each outcome but a first recording, which the request line shows. */
function recordBatch(
  request: FastifyRequest,
  reply: FastifyReply,
  db: Database,
  reminders: z.infer<typeof batchSchema>['reminders'],
  idempotencyKey: string | undefined,
): FastifyReply | { recorded: number } {
  const outcome = recordReminderBatch(db, reminders, {
    recordedAt: new Date().toISOString(),
    idempotencyKey,
  });

  switch (outcome.status) {
    case 'recorded':
      if (outcome.replayed) {
        request.log.info({ recorded: outcome.recorded }, 'reminder batch already recorded');
      }
      return { recorded: outcome.recorded };
    case 'unknownDebtors': {
      const clientIds = outcome.unknown.map((entry) => entry.clientId);
      request.log.info({ clientIds }, 'reminder batch rejected: unknown debtors');
      return sendProblem(reply, unknownDebtors(outcome.unknown));
    }
    case 'keyReused':
      request.log.warn('reminder batch rejected: idempotency key reused with another body');
      return sendProblem(reply, idempotencyKeyReused());
  }
}
