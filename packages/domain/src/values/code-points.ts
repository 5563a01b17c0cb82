/**
 * Unicode code point order, which is the order of the strings' UTF-8 bytes and the databases'
 * byte order. Plain `<` compares UTF-16 code units, which puts U+E000-U+FFFF after the
 * characters beyond U+FFFF (their surrogates are D800-DFFF).
 */
export const compareCodePoints = (a: string, b: string): number => {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only a difference between a surrogate and a unit above it is ordered differently.
    const surrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;
    if (surrogate(x) !== surrogate(y) && Math.max(x, y) >= 0xe000) return surrogate(x) ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
};
