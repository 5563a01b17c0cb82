import type * as E from 'fp-ts/Either';
import type { Command } from './lines';
import { decodeLine, decodeLineBytes } from './decode';

/**
 * Section 14, lines: the file is UTF-8 and a byte-order mark at its very start is ignored; lines
 * end at LF, a CR just before the LF is dropped (a CR anywhere else is JSON white space); a line
 * of only spaces, tabs and CRs is blank and skipped. Lines are cut as bytes: no UTF-8 sequence
 * holds the byte 0x0A, so a cut never splits a character, and each line is decoded on its own.
 */

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const BOM = [0xef, 0xbb, 0xbf] as const;

export const isBlankLine = (bytes: Uint8Array): boolean =>
  bytes.every((byte) => byte === SPACE || byte === TAB || byte === CR);

const startsWithBom = (bytes: Uint8Array): boolean =>
  bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const whole = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
};

/** Cuts a byte stream into lines, chunk by chunk; only the current line is held. */
export class LineSplitter {
  private pending: Uint8Array[] = [];
  private first = true;

  /** The lines completed by this chunk. */
  push(chunk: Uint8Array): Uint8Array[] {
    const lines: Uint8Array[] = [];
    let start = 0;
    for (let end = chunk.indexOf(LF); end !== -1; end = chunk.indexOf(LF, start)) {
      this.pending.push(chunk.subarray(start, end));
      lines.push(this.take(true));
      start = end + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
    return lines;
  }

  /** The last line, when the input does not end with LF. */
  end(): Uint8Array[] {
    return this.pending.some((part) => part.length > 0) ? [this.take(false)] : [];
  }

  private take(endedByLf: boolean): Uint8Array {
    let line = concat(this.pending);
    this.pending = [];
    if (this.first && startsWithBom(line)) line = line.subarray(3);
    this.first = false;
    if (endedByLf && line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, -1);
    return line;
  }
}

/** The lines of a whole file already in memory (an HTTP body). */
export function* linesOfBytes(bytes: Uint8Array): Generator<Uint8Array> {
  const splitter = new LineSplitter();
  yield* splitter.push(bytes);
  yield* splitter.end();
}

/** The lines of a file read in chunks (a stream). */
export async function* linesOfChunks(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const splitter = new LineSplitter();
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}

/** A non-blank line of a file: its 1-based number and its command or the reason it was refused. */
export interface DecodedLine {
  readonly line: number;
  readonly decoded: E.Either<string, Command>;
}

/** Numbers lines from 1, skips blank ones and decodes the others. */
export function* decodedLines(lines: Iterable<Uint8Array>): Generator<DecodedLine> {
  let line = 0;
  for (const bytes of lines) {
    line += 1;
    if (!isBlankLine(bytes)) yield { line, decoded: decodeLineBytes(bytes) };
  }
}

export async function* decodedLinesAsync(
  lines: AsyncIterable<Uint8Array>,
): AsyncGenerator<DecodedLine> {
  let line = 0;
  for await (const bytes of lines) {
    line += 1;
    if (!isBlankLine(bytes)) yield { line, decoded: decodeLineBytes(bytes) };
  }
}

/**
 * Lines already given as strings (tests, programs that build scenarios): the same blank rule and
 * decoding, without a UTF-8 step (a string holds no invalid bytes; a lone surrogate in it stays
 * one, and the identifier rule refuses it).
 */
export function* decodedTextLines(lines: Iterable<string>): Generator<DecodedLine> {
  let line = 0;
  for (const text of lines) {
    line += 1;
    if (!/^[ \t\r]*$/.test(text)) yield { line, decoded: decodeLine(text) };
  }
}
