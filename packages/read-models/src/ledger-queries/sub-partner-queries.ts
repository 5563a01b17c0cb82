import { type PartnerTotals, formatDecimal } from '@rebate/domain';
import type { AccountPartnerRow } from '../projections/accounts/tables';
import type { SubPartner, SubPartnerDay } from '../queries';
import type { ReadModelDb } from '../storage/port';
import { partnerTotalsOf } from './account-figures';
import { partnerFiguresOf, partnerStatementOf, partners as partnersOf } from './account-queries';

/**
 * The sub-partner tree (rules, section 12): each partner's parent is fixed at registration and
 * kept by the accounts projection beside the figures, so a tree and its figures come from one
 * snapshot. What a sub-partner shows the partners above it is a summary of its own totals.
 */

interface TreeNode {
  readonly partnerId: string;
  readonly parentId: string;
  readonly model: string;
  readonly depth: number;
}

/** The partners below `partnerId`, depth first; its children in the scan's (key) order. */
const descendantsOf = (partners: readonly AccountPartnerRow[], partnerId: string): TreeNode[] => {
  const children = new Map<string, AccountPartnerRow[]>();
  for (const partner of partners) {
    if (partner.parentId === null) continue;
    children.set(partner.parentId, [...(children.get(partner.parentId) ?? []), partner]);
  }
  const below = (parentId: string, depth: number): TreeNode[] =>
    (children.get(parentId) ?? []).flatMap((child) => [
      { partnerId: child.partnerId, parentId, model: child.model, depth },
      ...below(child.partnerId, depth + 1),
    ]);
  return below(partnerId, 1);
};

type Summary = Omit<SubPartnerDay, 'day'>;

const summaryOf = (totals: PartnerTotals): Summary => ({
  trades: totals.trades,
  lots: formatDecimal(totals.lots),
  remuneration: formatDecimal(totals.remuneration),
  overridesPaid: formatDecimal(totals.overridesPaid),
  overridesReceived: formatDecimal(totals.overridesReceived),
});

export const subPartnersOf = async (
  db: ReadModelDb,
  partnerId: string,
): Promise<SubPartner[] | undefined> => {
  const partners = await partnersOf(db);
  if (!partners.some((partner) => partner.partnerId === partnerId)) return undefined;
  const tree = descendantsOf(partners, partnerId);
  const summaries: SubPartner[] = [];
  for (const node of tree) {
    const totals = partnerTotalsOf(node.partnerId, await partnerFiguresOf(db, node.partnerId));
    summaries.push({ ...node, ...summaryOf(totals) });
  }
  return summaries;
};

export const subPartnerStatementOf = async (
  db: ReadModelDb,
  partnerId: string,
  subPartnerId: string,
  from: string,
  to: string,
): Promise<SubPartnerDay[] | undefined> => {
  const tree = descendantsOf(await partnersOf(db), partnerId);
  if (!tree.some((node) => node.partnerId === subPartnerId)) return undefined;
  const days = await partnerStatementOf(db, subPartnerId, from, to);
  return days.map(({ day, trades, lots, remuneration, overridesPaid, overridesReceived }) => ({
    day,
    trades,
    lots,
    remuneration,
    overridesPaid,
    overridesReceived,
  }));
};
