import { Map as ImmutableMap } from 'immutable';
import type { Big } from '../values/decimal';
import type { History } from '../values/history';
import type { Instant } from '../values/instant';

/**
 * The state of the `agreements` stream: every partner's agreement and every client's
 * attachment, each as effective-dated histories, so a trade can be judged against the terms in
 * force when it closed. Persistent maps keep `evolve` pure without copying the whole book.
 */

export const AGENT_MODEL = 'agent';

/** What a partner agreed for one of its clients. */
export interface ClientTerms {
  /** null after a cancel: no individual rate. */
  readonly individualRate: History<Big | null>;
  /** true from a client cancel until a new individual rate: no fallback to the default. */
  readonly cancelled: History<boolean>;
  readonly suspended: History<boolean>;
}

export interface PartnerAgreement {
  readonly partnerId: string;
  readonly model: string;
  /** The partner this one is a sub-partner of (fixed at registration), or null. */
  readonly parentId: string | null;
  /** Time of the latest accepted command about this partner: nothing may be dated before it. */
  readonly watermark: Instant;
  /** Partner-specific usdPerLot by account type; overrides the broker-wide schedule. */
  readonly remuneration: ImmutableMap<string, History<Big>>;
  /** Partner-specific usdPerLot by (account type, symbol): see `symbolKey`. */
  readonly symbolRemuneration: ImmutableMap<string, History<Big>>;
  /** The partner's own minimum hold in seconds; overrides the broker-wide one. */
  readonly minHoldSeconds: History<number>;
  /** Percent of a direct sub-partner's share passed up: the default, and per child. */
  readonly overrideDefault: History<Big>;
  readonly overrideByChild: ImmutableMap<string, History<Big>>;
  readonly defaultRate: History<Big | null>;
  readonly suspended: History<boolean>;
  readonly clients: ImmutableMap<string, ClientTerms>;
}

export interface AgreementBook {
  readonly partners: ImmutableMap<string, PartnerAgreement>;
  /** Client id to the partner it was attached to, over time. */
  readonly attachments: ImmutableMap<string, History<string>>;
  /** Broker-wide usdPerLot by account type, and by (account type, symbol). */
  readonly brokerRemuneration: ImmutableMap<string, History<Big>>;
  readonly brokerSymbolRemuneration: ImmutableMap<string, History<Big>>;
  readonly brokerMinHoldSeconds: History<number>;
  /** Broker-wide payout hold in days. */
  readonly payoutHold: History<number>;
  /** Latest broker-wide command (remuneration, qualification, hold): none may be dated before it. */
  readonly brokerWatermark: Instant | undefined;
}

export const emptyBook: AgreementBook = {
  partners: ImmutableMap(),
  attachments: ImmutableMap(),
  brokerRemuneration: ImmutableMap(),
  brokerSymbolRemuneration: ImmutableMap(),
  brokerMinHoldSeconds: [],
  payoutHold: [],
  brokerWatermark: undefined,
};

/** The key of a (account type, symbol) schedule; JSON keeps any two identifiers apart. */
export const symbolKey = (accountType: string, symbol: string): string =>
  JSON.stringify([accountType, symbol]);

export const emptyClientTerms: ClientTerms = {
  individualRate: [],
  cancelled: [],
  suspended: [],
};
