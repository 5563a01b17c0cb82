import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { type Command, type LineType, lineCodecs, lineTypes } from './lines';
import { parseJsonText } from './json-text';
import { type Rejection, rejection } from '../rejection';
import { refusalOf } from './reason';
import { NOT_UTF8, decodeUtf8 } from './utf8';

/**
 * Reads one input line (rules sections 6 and 14): bytes -> UTF-8 text -> one JSON object
 * (numbers kept exact, no repeated key) -> a typed command, or the reason it was refused.
 * Unknown extra fields are dropped. Every path (`rebate simulate`, the HTTP commands and bulk
 * import, Kafka) reads its input through `decodeLineBytes`.
 */

/** A plain JSON object: not an array, not null, not lossless-json's number wrapper. */
const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && Object.getPrototypeOf(u) === Object.prototype;

export const parseJsonObject = (text: string): E.Either<string, Record<string, unknown>> => {
  const parsed = parseJsonText(text);
  if (E.isLeft(parsed)) {
    return E.left(parsed.left.kind === 'repeated-key' ? parsed.left.reason : 'not a JSON object');
  }
  return isRecord(parsed.right) ? E.right(parsed.right) : E.left('not a JSON object');
};

const isLineType = (u: unknown): u is LineType =>
  typeof u === 'string' && (lineTypes as string[]).includes(u);

/** Decodes an already parsed JSON object, or rejects it naming the field at fault. */
export const decodeCommand = (value: Record<string, unknown>): E.Either<Rejection, Command> => {
  const type = value['type'];
  if (type === undefined || type === null) {
    return E.left(rejection('invalid-input', 'type is missing', 'type'));
  }
  if (!isLineType(type)) {
    return E.left(
      rejection(
        'invalid-input',
        `type ${JSON.stringify(String(type))} is not a known type`,
        'type',
      ),
    );
  }
  const codec = lineCodecs[type] as unknown as {
    decode: (u: unknown) => E.Either<Parameters<typeof refusalOf>[0], Command>;
  };
  return pipe(codec.decode(value), E.mapLeft(refusalOf));
};

/** One line's text (already known to be well-formed) to a command, or the reason it was refused. */
export const decodeLine = (text: string): E.Either<string, Command> =>
  pipe(
    parseJsonObject(text),
    E.chain((value) =>
      pipe(
        decodeCommand(value),
        E.mapLeft((refusal) => refusal.reason),
      ),
    ),
  );

/** One line's bytes (without its LF) to a command, or the reason it was refused. */
export const decodeLineBytes = (bytes: Uint8Array): E.Either<string, Command> => {
  const text = decodeUtf8(bytes);
  return text === undefined ? E.left(NOT_UTF8) : decodeLine(text);
};
