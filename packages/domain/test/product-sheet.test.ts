import {
  type AgreementBook,
  type ClientAccount,
  type PartnerTotals,
  type RebateAccrued,
  applyToClientAccount,
  applyToPartnerTotals,
  emptyClientAccount,
  emptyPartnerTotals,
} from '../src';
import { bookOf, plain, tradeEvents, tradeLine } from './support';

/** Rules section 8: the worked example of the product sheet. */

const clientIds = Array.from(
  { length: 20 },
  (_, index) => `C${String(index + 1).padStart(2, '0')}`,
);

/** One agent partner, 20 clients, 15 USD per FIXED lot, default rate 20% ("/20%" means x 20%). */
const book: AgreementBook = bookOf(
  { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at: '2026-09-01T00:00:00Z' },
  { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
  ...clientIds.map((clientId) => ({
    type: 'attach-client',
    partnerId: 'P1',
    clientId,
    at: '2026-09-01T00:00:00Z',
  })),
  { type: 'set-rebate-rate', partnerId: 'P1', percent: '20', at: '2026-09-01T00:00:00Z' },
);

/** Every client trades `lots` once on a FIXED account; the accruals, one per client. */
const accrualsFor = (lots: string): RebateAccrued[] =>
  clientIds.flatMap(
    (clientId, index) =>
      tradeEvents(
        book,
        tradeLine({
          tradeId: `T${index}`,
          clientId,
          accountType: 'FIXED',
          lots,
          closedAt: '2026-09-10T00:00:00Z',
        }),
      ) as RebateAccrued[],
  );

const partnerTotals = (accruals: RebateAccrued[]): PartnerTotals =>
  accruals.reduce(applyToPartnerTotals, emptyPartnerTotals('P1'));

const clientAccount = (accruals: RebateAccrued[], clientId: string): ClientAccount =>
  accruals
    .filter((accrual) => accrual.clientId === clientId)
    .reduce(applyToClientAccount, emptyClientAccount(clientId, 'P1'));

describe('the product sheet', () => {
  test('given 20 clients x 5 FIXED lots at 15 USD and 20%, then remuneration 1500, rebates 300, net 1200', () => {
    // 20 x 5 = 100 lots; 100 x 15 = 1500; 1500 x 20% = 300; 1500 - 300 = 1200.
    expect(plain(partnerTotals(accrualsFor('5')))).toEqual({
      partnerId: 'P1',
      trades: 20,
      lots: '100',
      remuneration: '1500',
      rebates: '300',
      overridesPaid: '0',
      overridesReceived: '0',
      net: '1200',
    });
  });

  test('given the same, then each client earns 5 x 15 x 20% = 15', () => {
    const accruals = accrualsFor('5');
    for (const clientId of clientIds)
      expect(plain(clientAccount(accruals, clientId))).toEqual({
        clientId,
        partnerId: 'P1',
        trades: 1,
        lots: '5',
        rebates: '15',
        paidOut: '0',
      });
  });

  test('given the volume grows to 150 lots in all, then the partner nets 1800', () => {
    // 20 x 7.5 = 150 lots; 150 x 15 = 2250; 2250 x 20% = 450; 2250 - 450 = 1800.
    expect(plain(partnerTotals(accrualsFor('7.5')))).toEqual({
      partnerId: 'P1',
      trades: 20,
      lots: '150',
      remuneration: '2250',
      rebates: '450',
      overridesPaid: '0',
      overridesReceived: '0',
      net: '1800',
    });
  });

  test('given "/20%" on the sheet, then it is a deduction of x 20%, not a division', () => {
    const [accrual] = accrualsFor('5');
    expect(plain(accrual as RebateAccrued)).toMatchObject({
      remuneration: '75',
      percent: '20',
      rebate: '15',
      net: '60',
    });
  });
});
