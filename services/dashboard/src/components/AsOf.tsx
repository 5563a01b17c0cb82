import { useId, useState } from 'react';
import { utcInstant } from '../format/time';
import { Time } from './Time';

/**
 * "As of" for the finance views: the books as they stood at an instant of recorded time (the
 * API's `asOf`: events recorded at or before it), typed in UTC; empty means now (live).
 */
export const AsOf = ({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (asOf: string | undefined) => void;
}) => {
  const [text, setText] = useState('');
  const id = useId();
  return (
    <form
      className="inline-form as-of"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(utcInstant(text));
      }}
    >
      <div>
        <label htmlFor={id}>As of (UTC, recorded time; empty for now)</label>
        <input
          id={id}
          type="datetime-local"
          name="asOf"
          step={1}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <button type="submit">Show</button>
      {value !== undefined && (
        <button
          type="button"
          onClick={() => {
            setText('');
            onChange(undefined);
          }}
        >
          Back to now
        </button>
      )}
      <p className="as-of-shown" data-testid="as-of-shown" role="status">
        {value === undefined ? (
          'Showing the books now.'
        ) : (
          <>
            Showing the books as of <Time at={value} />.
          </>
        )}
      </p>
    </form>
  );
};
