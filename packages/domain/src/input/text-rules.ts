/**
 * The text rules of section 14 for identifiers and reasons, as plain predicates so the codecs
 * (`./fields`) and the tests share one definition.
 *
 * White space is the Unicode `White_Space` property, not JavaScript's `\s`: `\s` also matches
 * U+FEFF (not white space in Unicode) and misses U+0085 (white space, and a control character
 * here anyway). Length counts code points, not UTF-16 units.
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** With the `u` flag a well-formed pair is one code point, so only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;
const WHITE_SPACE_AT_AN_END = /^\p{White_Space}|\p{White_Space}$/u;

export const codePointLength = (text: string): number => {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
};

export const hasControlCharacter = (text: string): boolean => CONTROL.test(text);
export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);
export const hasWhiteSpaceAtAnEnd = (text: string): boolean => WHITE_SPACE_AT_AN_END.test(text);

/** Why a string is not an identifier-like text of at most `max` code points, or undefined. */
export const textRuleBroken = (text: string, max: number): string | undefined => {
  if (text.length === 0) return 'must not be empty';
  if (hasLoneSurrogate(text)) return 'must not contain a lone surrogate';
  if (hasControlCharacter(text)) return 'must not contain a control character';
  if (hasWhiteSpaceAtAnEnd(text)) return 'must not start or end with white space';
  if (codePointLength(text) > max) return `must be at most ${max} characters`;
  return undefined;
};
