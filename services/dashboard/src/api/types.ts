import type { components, paths } from './generated/schema';

/** The API's shapes, generated from its OpenAPI document (built from the io-ts codecs). */
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type PartnerBalance = Schemas['PartnerBalance'];
export type ClientBalance = Schemas['ClientBalance'];
export type PartnerStatement = Schemas['PartnerStatement'];
export type PartnerDay = Schemas['PartnerDay'];
export type ClientStatement = Schemas['ClientStatement'];
export type Agreement = Schemas['Agreement'];
export type AgreementChange = Schemas['AgreementChange'];
export type AuditReport = Schemas['AuditReport'];
export type CommandAnswer = Schemas['CommandAnswer'];
export type Accrual = Schemas['Accrual'];
export type TrialBalance = Schemas['TrialBalance'];

/** The JSON a GET route answers with 200 (routes whose shapes have no schema name). */
type Answer<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer A } } } };
}
  ? A
  : never;

export type SubPartnerTree = Answer<'/v1/partners/{partnerId}/sub-partners'>;
export type SubPartner = SubPartnerTree['items'][number];
export type SubPartnerStatement =
  Answer<'/v1/partners/{partnerId}/sub-partners/{subPartnerId}/statement'>;
export type PayoutList = Answer<'/v1/payouts'>;
export type Payout = PayoutList['items'][number];
export type PayoutStatus = Payout['status'];
