import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { parse } from 'lossless-json';
import { type Command, type LineType, lineCodecs, lineTypes } from './lines';
import { reasonOf } from './reason';

/**
 * Reads one input line: JSON text (numbers kept exact) to a typed command, or the reason it was
 * refused. Unknown extra fields are dropped.
 */

/** A plain JSON object: not an array, not null, not lossless-json's number wrapper. */
const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && Object.getPrototypeOf(u) === Object.prototype;

export const parseJsonObject = (text: string): E.Either<string, Record<string, unknown>> => {
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    return E.left('not a JSON object');
  }
  return isRecord(value) ? E.right(value) : E.left('not a JSON object');
};

const isLineType = (u: unknown): u is LineType =>
  typeof u === 'string' && (lineTypes as string[]).includes(u);

/** Decodes an already parsed JSON object. */
export const decodeCommand = (value: Record<string, unknown>): E.Either<string, Command> => {
  const type = value['type'];
  if (type === undefined) return E.left('type is missing');
  if (!isLineType(type)) return E.left(`type ${JSON.stringify(String(type))} is not a known type`);
  const codec = lineCodecs[type] as unknown as {
    decode: (u: unknown) => E.Either<Parameters<typeof reasonOf>[0], Command>;
  };
  return pipe(codec.decode(value), E.mapLeft(reasonOf));
};

export const decodeLine = (text: string): E.Either<string, Command> =>
  pipe(parseJsonObject(text), E.chain(decodeCommand));
