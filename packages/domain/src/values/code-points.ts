/**
 * Unicode code point order (rules section 14), which is the order of the strings' UTF-8 bytes and
 * of the databases' binary collations. JavaScript's `<` compares UTF-16 units, which puts
 * U+E000-U+FFFF after the characters beyond U+FFFF (their surrogates are D800-DFFF): at the first
 * differing unit, surrogates are moved above E000-FFFF before comparing.
 */
const rank = (unit: number): number =>
  unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit;

export const compareCodePoints = (a: string, b: string): number => {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) < rank(y) ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
};
