import type * as t from 'io-ts';
import { type Rejection, rejection } from '../rejection';

/** The field the first io-ts error is about: the last named key of its path. */
const fieldOfErrors = (errors: t.Errors): string | undefined => {
  const path = (errors[0]?.context ?? [])
    .map((entry) => entry.key)
    .filter((key) => key !== '' && !/^\d+$/.test(key));
  return path[path.length - 1];
};

/**
 * Turns io-ts errors into one rejection naming the first field at fault: the reason reads
 * `<field> <what is wrong>`, and `field` is that field (absent when the value as a whole is
 * at fault).
 */
export const refusalOf = (errors: t.Errors): Rejection => {
  const first = errors[0];
  if (!first) return rejection('invalid-input', 'invalid input');
  const field = fieldOfErrors(errors);
  const named = field ?? 'input';
  // Section 14: null in a required field counts as missing (optional fields map it to absent).
  const reason =
    first.value === undefined || first.value === null
      ? `${named} is missing`
      : `${named} ${first.message ?? 'is invalid'}`;
  return rejection('invalid-input', reason, field);
};

/** Turns io-ts errors into one reason naming the first field at fault. */
export const reasonOf = (errors: t.Errors): string => refusalOf(errors).reason;
