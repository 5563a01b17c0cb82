/**
 * Fatal: invalid UTF-8 is an error, never U+FFFD (rules section 14). `ignoreBOM` keeps a U+FEFF
 * in the text, so a byte-order mark anywhere but the start of a file (which the line reader
 * drops) is refused by the JSON parser.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const NOT_UTF8 = 'not valid UTF-8 text';

/** Bytes to text, or undefined when they are not valid UTF-8. */
export const decodeUtf8 = (bytes: Uint8Array): string | undefined => {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
};
