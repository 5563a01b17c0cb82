import * as t from 'io-ts';
import { Identifier, TradeClosed, optional } from '@rebate/domain';
import { openApiPath, routeTable, toJsonSchema } from '@rebate/api';
import { sqliteBackend, type TestApi, startTestApi } from '@rebate/test-support/api';

describe('io-ts to JSON Schema', () => {
  test('primitives, literals, keyof, nullable unions and arrays', () => {
    expect(toJsonSchema(t.string)).toEqual({ type: 'string' });
    expect(toJsonSchema(t.number)).toEqual({ type: 'number' });
    expect(toJsonSchema(t.boolean)).toEqual({ type: 'boolean' });
    expect(toJsonSchema(t.literal('x'))).toEqual({ const: 'x' });
    expect(toJsonSchema(t.keyof({ a: null, b: null }))).toEqual({
      type: 'string',
      enum: ['a', 'b'],
    });
    expect(toJsonSchema(t.union([t.literal('a'), t.literal('b')]))).toEqual({ enum: ['a', 'b'] });
    expect(toJsonSchema(t.union([t.string, t.null]))).toEqual({
      anyOf: [{ type: 'string' }, { type: 'null' }],
    });
    expect(toJsonSchema(t.array(t.number))).toEqual({ type: 'array', items: { type: 'number' } });
    expect(toJsonSchema(t.record(t.string, t.boolean))).toEqual({
      type: 'object',
      additionalProperties: { type: 'boolean' },
    });
    expect(toJsonSchema(t.refinement(t.number, (n) => n > 0))).toEqual({ type: 'number' });
  });

  test('objects: required unless optional; exact and intersections flatten', () => {
    const codec = t.intersection([
      t.exact(t.type({ id: Identifier, note: optional(Identifier) })),
      t.partial({ limit: t.number }),
    ]);
    expect(toJsonSchema(codec)).toEqual({
      type: 'object',
      properties: {
        id: expect.objectContaining({ type: 'string', minLength: 1 }),
        note: { anyOf: [expect.objectContaining({ type: 'string' }), { type: 'null' }] },
        limit: { type: 'number' },
      },
      required: ['id'],
    });
  });

  test('the domain`s own codecs: a trade-closed message', () => {
    const schema = toJsonSchema(TradeClosed) as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.required).toEqual([
      'type',
      'tradeId',
      'clientId',
      'accountType',
      'symbol',
      'lots',
      'closedAt',
    ]);
    expect(schema.properties['lots']).toMatchObject({
      anyOf: [{ type: 'string' }, { type: 'number' }],
    });
    expect(schema.properties['closedAt']).toMatchObject({ format: 'date-time' });
  });

  test('a codec it does not know is refused, not documented wrongly', () => {
    const custom = new t.Type<string, string, unknown>(
      'Mystery',
      t.string.is,
      t.string.validate,
      String,
    );
    expect(() => toJsonSchema(custom)).toThrow('no JSON Schema for the io-ts codec Mystery');
  });
});

describe('the OpenAPI document and the docs page', () => {
  let api: TestApi;
  let document: {
    openapi: string;
    paths: Record<
      string,
      Record<string, { operationId: string; parameters: { name: string; in: string }[] }>
    >;
    components: { schemas: Record<string, unknown> };
  };
  beforeAll(async () => {
    api = await startTestApi(sqliteBackend);
    document = (await api.call('GET', '/openapi.json')).json as typeof document;
  });
  afterAll(() => api?.close());

  test('every route of the table is documented, with its path parameters', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const route of routeTable) {
      const operation = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      expect(operation?.operationId).toBe(route.id);
      const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]);
      expect(operation?.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(
        pathParams,
      );
    }
  });

  test('every $ref resolves to a component', () => {
    const text = JSON.stringify(document);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(document.components.schemas[ref]).toBeDefined();
  });

  test('the docs page is served', async () => {
    const page = await fetch(`${api.url}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/swagger/i);
    const json = await fetch(`${api.url}/docs/json`);
    expect(((await json.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });
});
