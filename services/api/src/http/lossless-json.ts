import { isLosslessNumber, parse } from 'lossless-json';
import { fail } from './problem-catalog';

/**
 * JSON request bodies are parsed with lossless-json: a decimal sent as a JSON number (`"lots":
 * 0.1`) stays exact text and is never a binary float. The domain codecs accept such numbers.
 */
export const parseLosslessJson = (text: string): unknown => {
  if (text.trim() === '') return undefined;
  try {
    return parse(text);
  } catch (error) {
    return fail('invalid-input', `body is not valid JSON: ${(error as Error).message}`, {
      field: 'body',
    });
  }
};

/** For fingerprints and logs: lossless numbers keep their text. */
export const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (isLosslessNumber(v) ? v.toString() : v)) ?? '';
