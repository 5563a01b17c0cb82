/** One line of an NDJSON body: its 1-based number and its text without the line break. */
export interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

/** Lines in a body, counted without splitting it (a 64 MB body of 1-byte lines stays one string). */
export const countLines = (body: string): number => {
  let count = 1;
  for (let at = body.indexOf('\n'); at !== -1; at = body.indexOf('\n', at + 1)) count += 1;
  return count;
};

/** The lines one at a time; `\r\n` ends a line too. Never holds more than one line's copy. */
export function* linesOf(body: string): Generator<NumberedLine> {
  let start = 0;
  for (let line = 1; start <= body.length; line += 1) {
    const end = body.indexOf('\n', start);
    const stop = end === -1 ? body.length : end;
    const text = body.slice(start, stop > start && body[stop - 1] === '\r' ? stop - 1 : stop);
    yield { line, text };
    if (end === -1) return;
    start = end + 1;
  }
}
