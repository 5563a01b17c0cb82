import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useCommand } from '../api/commands';
import type { CommandAnswer } from '../api/types';
import { ProblemView } from './States';
import { Time } from './Time';

interface Props {
  /** The button's accessible name, e.g. "Suspend client-01"; also names the dialog. */
  readonly label: string;
  /** Shorter visible text where the row already says which client, e.g. "Suspend". */
  readonly text?: string;
  /** The question in the dialog, e.g. "Suspend rebates of client-01?". */
  readonly question: string;
  readonly children?: ReactNode;
  readonly run: () => Promise<CommandAnswer>;
  readonly danger?: boolean;
  readonly disabled?: boolean;
  /** What the change affects, instead of the default (trades closed from now on). */
  readonly effect?: ReactNode;
}

/**
 * A button that asks first: the dialog says what changes and from when (commands take effect
 * for trades closed at or after the moment the ledger receives them, never before).
 */
export const ConfirmButton = ({
  label,
  text,
  question,
  children,
  run,
  danger,
  disabled,
  effect,
}: Props) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const [openedAt, setOpenedAt] = useState<string>(new Date().toISOString());
  const command = useCommand(run);
  const titleId = `confirm-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const open = () => {
    command.reset();
    setOpenedAt(new Date().toISOString());
    dialog.current?.showModal();
  };
  const confirm = () => command.mutate(undefined, { onSuccess: () => dialog.current?.close() });
  return (
    <>
      <button
        type="button"
        className={danger === true ? 'danger' : undefined}
        onClick={open}
        disabled={disabled}
        aria-label={text === undefined ? undefined : label}
      >
        {text ?? label}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="confirm">
        <h2 id={titleId}>{question}</h2>
        {children}
        {effect ?? (
          <p>
            Takes effect for trades closed from the moment the ledger receives it (about{' '}
            <Time at={openedAt} />
            ); trades already accrued keep their rebates.
          </p>
        )}
        {command.isError && <ProblemView error={command.error} />}
        <div className="actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className={danger === true ? 'danger' : 'primary'}
            onClick={confirm}
            disabled={command.isPending}
            autoFocus
          >
            {command.isPending ? 'Working…' : `Confirm: ${label}`}
          </button>
        </div>
      </dialog>
    </>
  );
};
