import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildOpenApiDocument } from '../../src/api/openapi';

const committed = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'openapi', 'opisto-api.json'), 'utf8'),
) as Record<string, unknown>;

type Operation = { parameters?: { name: string }[]; responses: Record<string, unknown> };

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
}

function operation(path: string, method: string): Operation {
  const paths = committed.paths as Record<string, Record<string, Operation>>;
  const found = paths[path]?.[method];
  if (!found) {
    throw new Error(`no ${method} ${path} in the OpenAPI document`);
  }
  return found;
}

function references(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(references);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) =>
      key === '$ref' && typeof inner === 'string' ? [inner] : references(inner),
    );
  }
  return [];
}

describe('OpenAPI document', () => {
  test('committed file matches the zod schemas', () => {
    // On failure, run: npx tsx scripts/build-openapi.ts && npx prettier --write openapi
    expect(committed).toEqual(buildOpenApiDocument());
  });

  test('is OpenAPI 3.1', () => {
    expect(committed.openapi).toBe('3.1.0');
  });

  test('search has every filter of the spec', () => {
    const names = operation('/api/v1/debtors', 'get').parameters?.map(
      (parameter) => parameter.name,
    );
    expect(names?.sort()).toEqual(
      [
        'name',
        'city',
        'postalCode',
        'email',
        'phone',
        'kinds',
        'dueBefore',
        'invoicedFrom',
        'invoicedTo',
        'notRemindedSince',
        'nextLevel',
        'page',
        'pageSize',
      ].sort(),
    );
  });

  test('every search parameter is described', () => {
    for (const parameter of operation('/api/v1/debtors', 'get').parameters ?? []) {
      const { description } = parameter as { name: string; description?: string };
      expect({ name: parameter.name, described: Boolean(description) }).toEqual({
        name: parameter.name,
        described: true,
      });
    }
  });

  test('health, record and batch paths exist', () => {
    expect(operation('/api/v1/health', 'get').responses['200']).toBeDefined();
    expect(operation('/api/v1/debtors/{id}/record', 'get').responses['404']).toBeDefined();
    expect(operation('/api/v1/debtors/records', 'post').responses['200']).toBeDefined();
  });

  test('reminder paths exist', () => {
    const history = operation('/api/v1/debtors/{id}/reminders', 'get');
    expect(history.responses['200']).toBeDefined();
    expect(history.responses['404']).toBeDefined();

    const record = operation('/api/v1/reminders', 'post');
    expect(record.responses['200']).toBeDefined();
    expect(record.responses['400']).toBeDefined();
    expect(record.responses['422']).toBeDefined();
  });

  test('reminder batch takes an idempotency key header', () => {
    const parameters = operation('/api/v1/reminders', 'post').parameters as {
      name: string;
      in: string;
      required: boolean;
    }[];

    expect(parameters).toEqual([
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    ]);
  });

  test('summary and record schemas carry the reminder fields', () => {
    const schemas = (committed.components as { schemas: Record<string, JsonSchema> }).schemas;
    const summary = schemas.DebtorPage?.properties?.items?.items;
    const record = schemas.ClientRecord;

    expect(summary?.required).toEqual(
      expect.arrayContaining(['lastReminder', 'nextLevel', 'hasUnmatchedPayments']),
    );
    expect(Object.keys(record?.properties ?? {})).toEqual(
      expect.arrayContaining(['lastReminder', 'paymentStatus']),
    );
    expect(Object.keys(record?.properties?.client?.properties ?? {})).toContain('isProfessional');
  });

  test('errors are problem+json', () => {
    const response = operation('/api/v1/debtors', 'get').responses['400'] as {
      content: Record<string, unknown>;
    };
    expect(Object.keys(response.content)).toEqual(['application/problem+json']);
  });

  test('every reference resolves', () => {
    const schemas = (committed.components as { schemas: Record<string, unknown> }).schemas;
    for (const reference of references(committed)) {
      const name = reference.replace('#/components/schemas/', '');
      expect({ reference, found: name in schemas }).toEqual({ reference, found: true });
    }
  });
});
