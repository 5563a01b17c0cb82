import type * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { refusalOf } from '@rebate/domain';
import { fail } from './problem-catalog';

/** Where an input came from; named in the problem so a client knows what to fix. */
export type InputPart = 'path' | 'query' | 'body' | 'header';

/**
 * Decodes one part of a request, or answers 400 with the domain's own reason ("percent must be
 * between 0 and 100") and the field at fault. The same reporter as the input lines, so HTTP
 * and NDJSON give one wording.
 */
export const decodeInput = <A>(
  codec: t.Decoder<unknown, A>,
  value: unknown,
  part: InputPart,
): A => {
  const decoded = codec.decode(value);
  if (!isLeft(decoded)) return decoded.right;
  const { reason, field } = refusalOf(decoded.left);
  const detail = field === undefined ? (decoded.left[0]?.message ?? 'is not valid') : reason;
  return fail('invalid-input', `${part}: ${detail}`, { field: field ?? part });
};
