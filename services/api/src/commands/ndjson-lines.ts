const NEWLINE = 0x0a;

/** Lines in a body, counted without splitting it (a 64 MB body of 1-byte lines stays one buffer). */
export const countLines = (body: Uint8Array): number => {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  let count = 1;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count += 1;
  return count;
};
