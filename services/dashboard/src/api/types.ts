import type { components } from './generated/schema';

/** The API's shapes, generated from its OpenAPI document (built from the io-ts codecs). */
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type PartnerBalance = Schemas['PartnerBalance'];
export type ClientBalance = Schemas['ClientBalance'];
export type PartnerStatement = Schemas['PartnerStatement'];
export type ClientStatement = Schemas['ClientStatement'];
export type Agreement = Schemas['Agreement'];
export type AgreementChange = Schemas['AgreementChange'];
export type AuditReport = Schemas['AuditReport'];
export type CommandAnswer = Schemas['CommandAnswer'];
export type Accrual = Schemas['Accrual'];
