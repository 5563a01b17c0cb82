import { useState } from 'react';
import { daysBefore, todayUtc } from '../format/time';

export interface Range {
  readonly from: string;
  readonly to: string;
}

export const defaultRange = (): Range => ({ from: daysBefore(todayUtc(), 119), to: todayUtc() });

/** A UTC date range; applied on submit so typing does not fire a request per key. */
export const DateRange = ({ value, onChange }: { value: Range; onChange: (r: Range) => void }) => {
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  return (
    <form
      className="range"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ from, to });
      }}
    >
      <label>
        From (UTC day)
        <input
          type="date"
          name="from"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          required
        />
      </label>
      <label>
        To (UTC day)
        <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} required />
      </label>
      <button type="submit">Show</button>
    </form>
  );
};
