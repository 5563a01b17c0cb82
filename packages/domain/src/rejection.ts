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
}

export const rejection = (code: RejectionCode, reason: string): Rejection => ({ code, reason });
