/** A `trade-closed` line of the rules (section 6) on a FIXED EURUSD account: the tests' usual trade. */
export const trade = (
  tradeId: string,
  clientId: string,
  lots: string,
  closedAt = '2026-09-02T10:00:00Z',
): Record<string, string> => ({
  type: 'trade-closed',
  tradeId,
  clientId,
  accountType: 'FIXED',
  symbol: 'EURUSD',
  lots,
  closedAt,
});
