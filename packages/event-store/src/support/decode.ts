import { isLeft } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';

/** Why `value` failed `codec`, as one line per failing path. */
export function describeDecodeFailure<A>(codec: t.Decoder<unknown, A>, value: unknown): string {
  return PathReporter.report(codec.decode(value)).join('; ');
}

/**
 * Decodes data crossing a boundary (a database row, a JSON config) or throws a TypeError naming
 * what was being decoded. For stored events use `decodeEventRow`, which raises
 * EventDecodingError instead.
 */
export function decodeOrThrow<A>(codec: t.Decoder<unknown, A>, value: unknown, what: string): A {
  const result = codec.decode(value);
  if (isLeft(result)) {
    throw new TypeError(`invalid ${what}: ${describeDecodeFailure(codec, value)}`);
  }
  return result.right;
}
