/** Why a command changed nothing. `code` lets edges map it (HTTP status, DLQ header). */
export type RejectionCode =
  | 'invalid-input'
  | 'unknown-partner'
  | 'unknown-client'
  | 'unknown-trade'
  | 'already-registered'
  | 'conflicting-trade'
  | 'back-dated'
  | 'not-agent'
  | 'not-attached'
  | 'not-sub-partner'
  | 'conflicting-run'
  | 'unknown-payout'
  | 'conflicting-result';

export interface Rejection {
  readonly code: RejectionCode;
  readonly reason: string;
  /**
   * The input field the rejection is about (`percent`, `closedAt`, `payoutId`), set where the
   * domain decides it, so an edge never has to read it out of the English reason.
   */
  readonly field?: string;
}

export const rejection = (code: RejectionCode, reason: string, field?: string): Rejection =>
  field === undefined ? { code, reason } : { code, reason, field };
