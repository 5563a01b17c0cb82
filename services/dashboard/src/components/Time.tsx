import { localText, utcText } from '../format/time';

/** An instant in UTC, with the local time beside it. */
export const Time = ({ at }: { at: string | null | undefined }) => {
  if (at == null) return <span>—</span>;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <span>{at}</span>;
  return (
    <time dateTime={date.toISOString()} className="time">
      {utcText(date)} <span className="local">({localText(date)} local)</span>
    </time>
  );
};
