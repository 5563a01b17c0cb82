import { parseJsonBytes } from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';
import { isLosslessNumber } from 'lossless-json';
import { fail } from './problem-catalog';

/** An empty body, or one of JSON white space only: no body at all. */
const isJsonWhiteSpace = (bytes: Uint8Array): boolean =>
  bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d);

/**
 * JSON request bodies are read by the domain's own JSON reader (rules section 14), from bytes:
 * invalid UTF-8 and a key repeated in any object are refused, and a decimal sent as a JSON
 * number (`"lots": 0.1`) stays exact text, never a binary float.
 */
export const parseLosslessJson = (bytes: Uint8Array): unknown => {
  if (isJsonWhiteSpace(bytes)) return undefined;
  const parsed = parseJsonBytes(bytes);
  if (!isLeft(parsed)) return parsed.right;
  const error = parsed.left;
  switch (error.kind) {
    case 'utf8':
      return fail('invalid-input', 'body is not valid UTF-8', { field: 'body' });
    case 'syntax':
      return fail('invalid-input', `body is not valid JSON: ${error.message}`, { field: 'body' });
    case 'repeated-key':
      return fail('invalid-input', `body: ${error.reason}`, { field: error.path.join('.') });
  }
};

/** For fingerprints and logs: lossless numbers keep their text. */
export const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (isLosslessNumber(v) ? v.toString() : v)) ?? '';
