import { useState } from 'react';
import type { ReactNode } from 'react';
import { useCommand } from '../api/commands';
import type { CommandAnswer } from '../api/types';
import { ProblemView } from './States';

export interface Field {
  readonly name: string;
  readonly label: string;
  readonly required?: boolean;
  readonly hint?: string;
  readonly options?: readonly string[];
}

interface Props {
  readonly title: string;
  readonly fields: readonly Field[];
  readonly submit: string;
  readonly run: (values: Record<string, string>) => Promise<CommandAnswer>;
  readonly children?: ReactNode;
}

/** A form that sends one command and shows its answer, or its problem naming the field. */
export const CommandForm = ({ title, fields, submit, run, children }: Props) => {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, f.options?.[0] ?? ''])),
  );
  const command = useCommand(run);
  const id = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <form
      className="card"
      aria-labelledby={id}
      onSubmit={(e) => {
        e.preventDefault();
        command.mutate(values);
      }}
    >
      <h2 id={id}>{title}</h2>
      {children}
      {fields.map((f) => (
        <label key={f.name}>
          {f.label}
          {f.options === undefined ? (
            <input
              name={f.name}
              value={values[f.name] ?? ''}
              required={f.required}
              aria-describedby={f.hint === undefined ? undefined : `${id}-${f.name}-hint`}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            />
          ) : (
            <select
              name={f.name}
              value={values[f.name] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            >
              {f.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          )}
          {f.hint !== undefined && (
            <span id={`${id}-${f.name}-hint`} className="help">
              {f.hint}
            </span>
          )}
        </label>
      ))}
      <button type="submit" className="primary" disabled={command.isPending}>
        {command.isPending ? 'Sending…' : submit}
      </button>
      {command.isError && <ProblemView error={command.error} />}
      {command.isSuccess && (
        <p role="status" className="ok">
          {command.data.status === 'duplicate' ? 'Already done (duplicate)' : 'Accepted'} at
          position {command.data.position ?? '—'}.
        </p>
      )}
    </form>
  );
};

/** Leaves out empty optional fields, so the API sees only what was typed. */
export const filled = (values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
