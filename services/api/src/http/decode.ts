import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { reasonOf } from '@rebate/domain';
import { fail } from './problem-catalog';

/** Where an input came from; named in the problem so a client knows what to fix. */
export type InputPart = 'path' | 'query' | 'body' | 'header';

/** The field the first io-ts error is about: the last named key of its path. */
export const fieldOf = (errors: t.Errors): string | undefined => {
  const keys = (errors[0]?.context ?? [])
    .map((entry) => entry.key)
    .filter((key) => key !== '' && !/^\d+$/.test(key));
  return keys[keys.length - 1];
};

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
  const field = fieldOf(decoded.left);
  const reason =
    field === undefined ? (decoded.left[0]?.message ?? 'is not valid') : reasonOf(decoded.left);
  return fail('invalid-input', `${part}: ${reason}`, { field: field ?? part });
};

/** The field a domain reason starts with ("lots has more than 2 decimals" names `lots`). */
export const fieldOfReason = (reason: string, fields: readonly string[]): string | undefined => {
  const first = /^([A-Za-z]+) /.exec(reason)?.[1];
  return first !== undefined && fields.includes(first) ? first : undefined;
};
