/**
 * One line of an NDJSON body: its 1-based number and its text without the line break, or
 * undefined when its bytes are not valid UTF-8 (refused as such: decoding them with U+FFFD
 * would make two different client ids one).
 */
export interface NumberedLine {
  readonly line: number;
  readonly text: string | undefined;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Lines in a body, counted without splitting it (a 64 MB body of 1-byte lines stays one buffer). */
export const countLines = (body: Uint8Array): number => {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  let count = 1;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count += 1;
  return count;
};

/** The lines one at a time; `\r\n` ends a line too. Holds one line's text at a time. */
export function* linesOf(body: Uint8Array): Generator<NumberedLine> {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let start = 0;
  for (let line = 1; start <= bytes.length; line += 1) {
    const end = bytes.indexOf(NEWLINE, start);
    let stop = end === -1 ? bytes.length : end;
    if (stop > start && bytes[stop - 1] === CARRIAGE_RETURN) stop -= 1;
    let text: string | undefined;
    try {
      text = decoder.decode(bytes.subarray(start, stop));
    } catch {
      text = undefined;
    }
    yield { line, text };
    if (end === -1) return;
    start = end + 1;
  }
}
