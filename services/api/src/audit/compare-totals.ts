import { balanceOf, formatDecimal, parseDecimal } from '@rebate/domain';
import type { LedgerTotals } from '@rebate/ledger';
import type { ClientBalance, PartnerBalance } from '@rebate/read-models';
import type { AuditDifference } from './audit-report';

/** Compares replayed totals with what the read models answer; amounts compare as numbers. */

type Row = Readonly<Record<string, string | number | null>>;

const same = (a: string | number | null, b: string | number | null): boolean => {
  if (typeof a === 'string' && typeof b === 'string') {
    const [x, y] = [parseDecimal(a), parseDecimal(b)];
    return x !== undefined && y !== undefined ? x.eq(y) : a === b;
  }
  return a === b;
};

const text = (value: string | number | null | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

const compareRows = (
  kind: AuditDifference['kind'],
  fields: readonly string[],
  replayed: ReadonlyMap<string, Row>,
  projected: ReadonlyMap<string, Row>,
): AuditDifference[] => {
  const ids = [...new Set([...replayed.keys(), ...projected.keys()])].sort();
  return ids.flatMap((id) => {
    const [left, right] = [replayed.get(id), projected.get(id)];
    if (!left || !right) {
      return [
        { kind, id, field: '(row)', replayed: left ? id : null, readModel: right ? id : null },
      ];
    }
    return fields
      .filter((field) => !same(left[field] ?? null, right[field] ?? null))
      .map((field) => ({
        kind,
        id,
        field,
        replayed: text(left[field]),
        readModel: text(right[field]),
      }));
  });
};

export const compareTotals = (
  totals: LedgerTotals,
  partners: readonly PartnerBalance[],
  clients: readonly ClientBalance[],
): AuditDifference[] => {
  const replayedPartners = new Map<string, Row>(
    [...totals.partners.values()].map((p) => [
      p.partnerId,
      {
        trades: p.trades,
        lots: formatDecimal(p.lots),
        remuneration: formatDecimal(p.remuneration),
        rebates: formatDecimal(p.rebates),
        net: formatDecimal(p.net),
      },
    ]),
  );
  const replayedClients = new Map<string, Row>(
    [...totals.clients.values()].map((c) => [
      c.clientId,
      {
        partnerId: c.partnerId,
        trades: c.trades,
        lots: formatDecimal(c.lots),
        rebates: formatDecimal(c.rebates),
        paidOut: formatDecimal(c.paidOut),
        balance: formatDecimal(balanceOf(c)),
      },
    ]),
  );
  return [
    ...compareRows(
      'partner',
      ['trades', 'lots', 'remuneration', 'rebates', 'net'],
      replayedPartners,
      new Map(partners.map((p) => [p.partnerId, p])),
    ),
    ...compareRows(
      'client',
      ['partnerId', 'trades', 'lots', 'rebates', 'paidOut', 'balance'],
      replayedClients,
      new Map(clients.map((c) => [c.clientId, c])),
    ),
  ];
};
