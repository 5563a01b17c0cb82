import { type Big, HUNDRED } from '../values/decimal';

/**
 * The accrual identities of the rules: lots x usdPerLot = remuneration,
 * remuneration x percent / 100 = rebate, remuneration - rebate = net. The trade decision
 * computes an accrual with `accrualAmounts`; the audit checks a recorded one with
 * `accrualIdentityViolations`; both go through the same three steps.
 */

export const remunerationOf = (lots: Big, usdPerLot: Big): Big => lots.times(usdPerLot);
export const rebateOf = (remuneration: Big, percent: Big): Big =>
  remuneration.times(percent).div(HUNDRED);
export const netOf = (remuneration: Big, rebate: Big): Big => remuneration.minus(rebate);

export interface AccrualTerms {
  readonly lots: Big;
  readonly usdPerLot: Big;
  readonly percent: Big;
}

export interface AccrualAmounts {
  readonly remuneration: Big;
  readonly rebate: Big;
  readonly net: Big;
}

export const accrualAmounts = ({ lots, usdPerLot, percent }: AccrualTerms): AccrualAmounts => {
  const remuneration = remunerationOf(lots, usdPerLot);
  const rebate = rebateOf(remuneration, percent);
  return { remuneration, rebate, net: netOf(remuneration, rebate) };
};

export const ACCRUAL_IDENTITIES = [
  'remuneration = lots x usdPerLot',
  'rebate = remuneration x percent / 100',
  'net = remuneration - rebate',
] as const;
export type AccrualIdentity = (typeof ACCRUAL_IDENTITIES)[number];

export interface IdentityViolation {
  readonly identity: AccrualIdentity;
  readonly recorded: Big;
  readonly expected: Big;
}

/**
 * Each identity checked from the recorded figures of the step before, so one tampered figure
 * names itself (a wrong rebate is not reported as a wrong net too). Empty when all three hold.
 */
export const accrualIdentityViolations = (
  recorded: AccrualTerms & AccrualAmounts,
): IdentityViolation[] => {
  const checks: [AccrualIdentity, Big, Big][] = [
    [
      ACCRUAL_IDENTITIES[0],
      recorded.remuneration,
      remunerationOf(recorded.lots, recorded.usdPerLot),
    ],
    [ACCRUAL_IDENTITIES[1], recorded.rebate, rebateOf(recorded.remuneration, recorded.percent)],
    [ACCRUAL_IDENTITIES[2], recorded.net, netOf(recorded.remuneration, recorded.rebate)],
  ];
  return checks
    .filter(([, actual, expected]) => !actual.eq(expected))
    .map(([identity, actual, expected]) => ({ identity, recorded: actual, expected }));
};
