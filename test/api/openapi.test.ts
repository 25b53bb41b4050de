import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildOpenApiDocument } from '../../src/api/openapi';

const committed = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'openapi', 'opisto-api.json'), 'utf8'),
) as Record<string, unknown>;

type Operation = { parameters?: { name: string }[]; responses: Record<string, unknown> };

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
        'page',
        'pageSize',
      ].sort(),
    );
  });

  test('health, record and batch paths exist', () => {
    expect(operation('/api/v1/health', 'get').responses['200']).toBeDefined();
    expect(operation('/api/v1/debtors/{id}/record', 'get').responses['404']).toBeDefined();
    expect(operation('/api/v1/debtors/records', 'post').responses['200']).toBeDefined();
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
