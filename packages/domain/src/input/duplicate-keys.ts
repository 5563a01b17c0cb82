/**
 * Section 14: an object in which a key appears twice is rejected, even when both values are
 * equal. lossless-json only reports a repeated key whose values differ, so this scan finds every
 * one, at any depth. It runs on text the JSON parser has already accepted, so it only needs to
 * tell keys from values: inside an object, a string after `{` or `,` is a key. Keys are compared
 * after unescaping (`"a"` and `"\u0061"` are the same key).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

interface Frame {
  /** The keys seen so far; undefined for an array. */
  readonly keys: Set<string> | undefined;
  expectKey: boolean;
  /** The key whose value is being read (names the path of a nested duplicate). */
  key?: string;
}

/** The path of the first key that appears twice in its object (`["meta", "id"]`), or undefined. */
export const repeatedKeyPath = (validJson: string): string[] | undefined => {
  const stack: Frame[] = [];
  for (let i = 0; i < validJson.length; i += 1) {
    const code = validJson.charCodeAt(i);
    if (code === QUOTE) {
      let end = i + 1;
      let escaped = false;
      while (validJson.charCodeAt(end) !== QUOTE) {
        const backslash = validJson.charCodeAt(end) === BACKSLASH;
        escaped ||= backslash;
        end += backslash ? 2 : 1;
      }
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const key = escaped
          ? (JSON.parse(validJson.slice(i, end + 1)) as string)
          : validJson.slice(i + 1, end);
        if (top.keys.has(key)) {
          const outer = stack
            .slice(0, -1)
            .flatMap((frame) => (frame.keys ? [frame.key ?? ''] : []));
          return [...outer, key];
        }
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
    } else if (code === OPEN_OBJECT) {
      stack.push({ keys: new Set(), expectKey: true });
    } else if (code === OPEN_ARRAY) {
      stack.push({ keys: undefined, expectKey: false });
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      stack.pop();
    } else if (code === COMMA) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
    }
  }
  return undefined;
};
