import * as E from 'fp-ts/Either';
import { parse } from 'lossless-json';
import { repeatedKeyPath } from './duplicate-keys';
import { decodeUtf8 } from './utf8';

/**
 * One JSON text to a value, the way every input path reads it: strict JSON (RFC 8259; JSON white
 * space is space, tab, LF and CR only), numbers kept exact as lossless-json's LosslessNumber, and
 * no key repeated in any object.
 */
export type JsonTextError =
  | { readonly kind: 'syntax'; readonly message: string }
  | { readonly kind: 'repeated-key'; readonly path: readonly string[]; readonly reason: string };

export const parseJsonText = (text: string): E.Either<JsonTextError, unknown> => {
  let value: unknown;
  try {
    // Repeated keys are found below, equal values or not, so the parser need not stop at them.
    value = parse(text, undefined, { onDuplicateKey: ({ newValue }) => newValue });
  } catch (error) {
    return E.left({ kind: 'syntax', message: (error as Error).message });
  }
  const path = repeatedKeyPath(text);
  return path
    ? E.left({ kind: 'repeated-key', path, reason: `${path.join('.')} appears more than once` })
    : E.right(value);
};

/**
 * A whole JSON document given as bytes (an HTTP JSON body): UTF-8 or refused, then as above.
 * Like a line, and unlike a file, it may not start with a byte-order mark.
 */
export const parseJsonBytes = (
  bytes: Uint8Array,
): E.Either<JsonTextError | { readonly kind: 'utf8' }, unknown> => {
  const text = decodeUtf8(bytes);
  return text === undefined ? E.left({ kind: 'utf8' }) : parseJsonText(text);
};
