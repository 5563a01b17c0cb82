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
  /** Time of the latest accepted command about this partner: nothing may be dated before it. */
  readonly watermark: Instant;
  /** Partner-specific usdPerLot by account type; overrides the broker-wide schedule. */
  readonly remuneration: ImmutableMap<string, History<Big>>;
  readonly defaultRate: History<Big | null>;
  readonly suspended: History<boolean>;
  readonly clients: ImmutableMap<string, ClientTerms>;
}

export interface AgreementBook {
  readonly partners: ImmutableMap<string, PartnerAgreement>;
  /** Client id to the partner it was attached to, over time. */
  readonly attachments: ImmutableMap<string, History<string>>;
  /** Broker-wide usdPerLot by account type. */
  readonly brokerRemuneration: ImmutableMap<string, History<Big>>;
  readonly brokerWatermark: Instant | undefined;
}

export const emptyBook: AgreementBook = {
  partners: ImmutableMap(),
  attachments: ImmutableMap(),
  brokerRemuneration: ImmutableMap(),
  brokerWatermark: undefined,
};

export const emptyClientTerms: ClientTerms = {
  individualRate: [],
  cancelled: [],
  suspended: [],
};
