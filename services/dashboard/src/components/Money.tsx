import { isNegative, money } from '../format/decimal';

/** An exact decimal amount, right-aligned in tables, negative ones marked. */
export const Money = ({ value }: { value: string | null | undefined }) =>
  value == null ? (
    <span>—</span>
  ) : (
    <span className={isNegative(value) ? 'num negative' : 'num'} data-value={value}>
      {money(value)}
    </span>
  );
