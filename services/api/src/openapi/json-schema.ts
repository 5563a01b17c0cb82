import type * as t from 'io-ts';
import { leafSchemas } from './leaf-schemas';

/**
 * io-ts codecs to JSON Schema (2020-12, as OpenAPI 3.1 uses it), for the codec kinds this API
 * uses: primitives, literals, keyof, type / partial / exact / strict, intersection, union,
 * array, refinement, record, and our own leaf codecs (by name, see `leaf-schemas`). An unknown
 * kind throws, so an undocumented input cannot slip into the document.
 */

export type JsonSchema = { readonly [keyword: string]: unknown };

export interface SchemaOptions {
  /** Codecs documented once under components/schemas and referenced elsewhere. */
  readonly refs?: ReadonlyMap<t.Mixed, string>;
}

/** The `_tag` io-ts gives each built-in codec class, with the fields we read. */
interface Tagged {
  readonly _tag?: string;
  readonly name: string;
  readonly props?: t.Props;
  readonly types?: readonly t.Mixed[];
  readonly type?: t.Mixed;
  readonly value?: unknown;
  readonly keys?: Record<string, unknown>;
  readonly codomain?: t.Mixed;
}

const OPTIONAL = /^Optional<(.+)>$/;

/** Our `optional(codec)` (absent or null) and unions with undefined: the key may be left out. */
export const isOptional = (codec: t.Mixed): boolean => {
  const tagged = codec as unknown as Tagged;
  if (OPTIONAL.test(codec.name)) return true;
  return (
    tagged._tag === 'UnionType' &&
    (tagged.types ?? []).some((member) => (member as unknown as Tagged)._tag === 'UndefinedType')
  );
};

const objectSchema = (props: t.Props, required: boolean, options: SchemaOptions): JsonSchema => {
  const names = Object.keys(props);
  const requiredNames = required ? names.filter((name) => !isOptional(props[name] as t.Mixed)) : [];
  return {
    type: 'object',
    properties: Object.fromEntries(
      names.map((name) => [name, toJsonSchema(props[name] as t.Mixed, options)]),
    ),
    ...(requiredNames.length > 0 ? { required: requiredNames } : {}),
  };
};

const isPlainObjectSchema = (schema: JsonSchema): boolean =>
  schema['type'] === 'object' && schema['properties'] !== undefined && schema['$ref'] === undefined;

/** An intersection of object schemas is one object schema: simpler for readers and tools. */
const mergeObjects = (schemas: readonly JsonSchema[]): JsonSchema => {
  if (!schemas.every(isPlainObjectSchema)) return { allOf: schemas };
  const properties = Object.assign({}, ...schemas.map((s) => s['properties'])) as JsonSchema;
  const required = schemas.flatMap((s) => (s['required'] as string[] | undefined) ?? []);
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
};

const unionSchema = (members: readonly t.Mixed[], options: SchemaOptions): JsonSchema => {
  const tagged = members.map((member) => member as unknown as Tagged);
  if (tagged.every((member) => member._tag === 'LiteralType')) {
    return { enum: tagged.map((member) => member.value) };
  }
  const present = members.filter(
    (member) => (member as unknown as Tagged)._tag !== 'UndefinedType',
  );
  const schemas = present.map((member) => toJsonSchema(member, options));
  return schemas.length === 1 ? (schemas[0] as JsonSchema) : { anyOf: schemas };
};

const leafSchema = (name: string, options: SchemaOptions): JsonSchema => {
  const optional = OPTIONAL.exec(name);
  if (optional) {
    return { anyOf: [leafSchema(optional[1] as string, options), { type: 'null' }] };
  }
  const known = leafSchemas[name];
  if (known === undefined) throw new TypeError(`no JSON Schema for the io-ts codec ${name}`);
  return known;
};

export const toJsonSchema = (codec: t.Mixed, options: SchemaOptions = {}): JsonSchema => {
  const ref = options.refs?.get(codec);
  if (ref !== undefined) return { $ref: `#/components/schemas/${ref}` };
  return schemaOf(codec, options);
};

/** The schema of the codec itself, never a reference to it (for components). */
export const schemaOf = (codec: t.Mixed, options: SchemaOptions = {}): JsonSchema => {
  const tagged = codec as unknown as Tagged;
  switch (tagged._tag) {
    case 'StringType':
      return { type: 'string' };
    case 'NumberType':
      return { type: 'number' };
    case 'BooleanType':
      return { type: 'boolean' };
    case 'NullType':
      return { type: 'null' };
    case 'UnknownType':
      return {};
    case 'LiteralType':
      return { const: tagged.value };
    case 'KeyofType':
      return { type: 'string', enum: Object.keys(tagged.keys ?? {}) };
    case 'InterfaceType':
      return objectSchema(tagged.props ?? {}, true, options);
    case 'PartialType':
      return objectSchema(tagged.props ?? {}, false, options);
    case 'ExactType':
    case 'StrictType':
    case 'RefinementType':
    case 'ReadonlyType':
      return toJsonSchema(tagged.type as t.Mixed, options);
    case 'IntersectionType':
      return mergeObjects((tagged.types ?? []).map((member) => toJsonSchema(member, options)));
    case 'UnionType':
      return unionSchema(tagged.types ?? [], options);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return { type: 'array', items: toJsonSchema(tagged.type as t.Mixed, options) };
    case 'DictionaryType':
      return {
        type: 'object',
        additionalProperties: toJsonSchema(tagged.codomain as t.Mixed, options),
      };
    case undefined:
      return leafSchema(codec.name, options);
    default:
      throw new TypeError(`no JSON Schema for io-ts ${tagged._tag} (${codec.name})`);
  }
};
