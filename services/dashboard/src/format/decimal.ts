/**
 * Money, lots and rates arrive as exact decimal strings and are shown as such: digits are
 * grouped by text, never parsed into a JavaScript number (which would round 0.1 + 0.2).
 */
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

export const groupDigits = (value: string): string => {
  const match = DECIMAL.exec(value.trim());
  if (match === null) return value;
  const [, sign = '', whole = '', fraction] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign === '-' ? '−' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
};

export const isNegative = (value: string): boolean => /^\s*-/.test(value) && /[1-9]/.test(value);

/** Money in USD, e.g. "1,234.50"; the currency is in the column header or the label. */
export const money = (value: string): string => groupDigits(value);

export const percent = (value: string | null | undefined): string =>
  value == null ? '—' : `${value}%`;
