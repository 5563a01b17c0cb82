import type * as t from 'io-ts';

/** Turns io-ts errors into one reason naming the first field at fault. */
export const reasonOf = (errors: t.Errors): string => {
  const first = errors[0];
  if (!first) return 'invalid input';
  const path = first.context
    .map((entry) => entry.key)
    .filter((key) => key !== '' && !/^\d+$/.test(key));
  const field = path[path.length - 1] ?? 'input';
  // Section 14: null in a required field counts as missing (optional fields map it to absent).
  if (first.value === undefined || first.value === null) return `${field} is missing`;
  return `${field} ${first.message ?? 'is invalid'}`;
};
