import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { AgreementEvent } from '../events/agreement-events';
import type {
  AgreementCommand,
  AttachClient,
  CancelRebates,
  RegisterPartner,
  ResumeRebates,
  SetRebateRate,
  SetOverrideRate,
  SetPayoutHold,
  SetQualification,
  SetRemuneration,
  SuspendRebates,
} from '../input/lines';
import { type Rejection, rejection } from '../rejection';
import { type Instant, isBefore } from '../values/instant';
import { AGENT_MODEL, type AgreementBook, type PartnerAgreement } from './book';
import { currentPartnerId, isKnownClient, partnerOfClientAt } from './terms-at';

type Decision = E.Either<Rejection, AgreementEvent[]>;

const findPartner = (
  book: AgreementBook,
  partnerId: string,
): E.Either<Rejection, PartnerAgreement> => {
  const partner = book.partners.get(partnerId);
  return partner
    ? E.right(partner)
    : E.left(rejection('unknown-partner', `unknown partner ${partnerId}`, 'partnerId'));
};

const notBackDated = (
  partner: PartnerAgreement,
  at: Instant,
): E.Either<Rejection, PartnerAgreement> =>
  isBefore(at, partner.watermark)
    ? E.left(
        rejection(
          'back-dated',
          `at ${at} is earlier than the latest accepted command for partner ${partner.partnerId} (${partner.watermark})`,
          'at',
        ),
      )
    : E.right(partner);

/** A sub-partner's parent must be registered already: the tree is fixed, and has no cycles. */
const registerPartner = (book: AgreementBook, command: RegisterPartner): Decision => {
  if (book.partners.has(command.partnerId))
    return E.left(
      rejection(
        'already-registered',
        `partner ${command.partnerId} already registered`,
        'partnerId',
      ),
    );
  const parentId = command.parentId ?? null;
  if (parentId !== null && !book.partners.has(parentId))
    return E.left(
      rejection('unknown-partner', `unknown partner ${parentId} (parentId)`, 'partnerId'),
    );
  return E.right([
    {
      type: 'PartnerRegistered',
      partnerId: command.partnerId,
      model: command.model,
      parentId,
      at: command.at,
    },
  ]);
};

/**
 * A re-attachment is about the client's old partner too ("one of its clients"), so it may not be
 * dated before the old partner's latest command either; that also keeps every client's
 * attachment history moving forward in time.
 */
const attachClient = (book: AgreementBook, command: AttachClient): Decision => {
  const previousPartnerId = currentPartnerId(book, command.clientId);
  const previousPartner =
    previousPartnerId === undefined ? undefined : book.partners.get(previousPartnerId);
  return pipe(
    findPartner(book, command.partnerId),
    E.chain((partner) => notBackDated(partner, command.at)),
    E.chain(() =>
      previousPartner ? notBackDated(previousPartner, command.at) : E.right(undefined),
    ),
    E.map((): AgreementEvent[] => [
      {
        type: 'ClientAttached',
        partnerId: command.partnerId,
        clientId: command.clientId,
        previousPartnerId: previousPartnerId ?? null,
        at: command.at,
      },
    ]),
  );
};

const brokerNotBackDated = (book: AgreementBook, at: Instant): E.Either<Rejection, void> =>
  book.brokerWatermark && isBefore(at, book.brokerWatermark)
    ? E.left(
        rejection(
          'back-dated',
          `at ${at} is earlier than the latest broker-wide command (${book.brokerWatermark})`,
          'at',
        ),
      )
    : E.right(undefined);

/**
 * A command that is broker-wide without a partnerId (the broker watermark) or one partner's own
 * (an unknown partner, then that partner's watermark).
 */
const brokerOrPartnerNotBackDated = (
  book: AgreementBook,
  partnerId: string | undefined,
  at: Instant,
): E.Either<Rejection, void> =>
  partnerId === undefined
    ? brokerNotBackDated(book, at)
    : pipe(
        findPartner(book, partnerId),
        E.chain((partner) => notBackDated(partner, at)),
        E.map(() => undefined),
      );

const setRemuneration = (book: AgreementBook, command: SetRemuneration): Decision => {
  const partnerId = command.partnerId;
  return pipe(
    brokerOrPartnerNotBackDated(book, partnerId, command.at),
    E.map((): AgreementEvent[] => [
      {
        type: 'RemunerationSet',
        accountType: command.accountType,
        usdPerLot: command.usdPerLot,
        partnerId: partnerId ?? null,
        symbol: command.symbol ?? null,
        at: command.at,
      },
    ]),
  );
};

const setPayoutHold = (book: AgreementBook, command: SetPayoutHold): Decision =>
  pipe(
    brokerNotBackDated(book, command.at),
    E.map((): AgreementEvent[] => [{ type: 'PayoutHoldSet', days: command.days, at: command.at }]),
  );

/** Broker-wide (broker watermark) or one partner's own minimum (its watermark; any model). */
const setQualification = (book: AgreementBook, command: SetQualification): Decision => {
  const partnerId = command.partnerId;
  return pipe(
    brokerOrPartnerNotBackDated(book, partnerId, command.at),
    E.map((): AgreementEvent[] => [
      {
        type: 'QualificationSet',
        partnerId: partnerId ?? null,
        minHoldSeconds: command.minHoldSeconds,
        at: command.at,
      },
    ]),
  );
};

/** Any model may set overrides; a per-child rate needs a direct sub-partner. */
const setOverrideRate = (book: AgreementBook, command: SetOverrideRate): Decision =>
  pipe(
    findPartner(book, command.partnerId),
    E.chain((partner) => notBackDated(partner, command.at)),
    E.chain((partner): E.Either<Rejection, void> => {
      const childId = command.childId;
      if (childId === undefined) return E.right(undefined);
      const child = book.partners.get(childId);
      if (!child)
        return E.left(
          rejection('unknown-partner', `unknown partner ${childId} (childId)`, 'partnerId'),
        );
      return child.parentId === partner.partnerId
        ? E.right(undefined)
        : E.left(
            rejection(
              'not-sub-partner',
              `partner ${childId} is not a direct sub-partner of partner ${partner.partnerId}`,
              'childId',
            ),
          );
    }),
    E.map((): AgreementEvent[] => [
      {
        type: 'OverrideRateSet',
        partnerId: command.partnerId,
        childId: command.childId ?? null,
        percent: command.percent,
        at: command.at,
      },
    ]),
  );

type RebateCommand = SetRebateRate | SuspendRebates | ResumeRebates | CancelRebates;

/** The checks every rebate command passes, in the order their reasons are reported. */
const checkRebateCommand = (
  book: AgreementBook,
  command: RebateCommand,
): E.Either<Rejection, PartnerAgreement> => {
  const partner = book.partners.get(command.partnerId);
  if (!partner)
    return E.left(
      rejection('unknown-partner', `unknown partner ${command.partnerId}`, 'partnerId'),
    );
  if (partner.model !== AGENT_MODEL)
    return E.left(
      rejection('not-agent', 'rebates require the agent cooperation model', 'partnerId'),
    );
  if (isBefore(command.at, partner.watermark)) return notBackDated(partner, command.at);
  const clientId = command.clientId;
  if (clientId === undefined) return E.right(partner);
  if (!isKnownClient(book, clientId))
    return E.left(rejection('unknown-client', `unknown client ${clientId}`, 'clientId'));
  if (partnerOfClientAt(book, clientId, command.at)?.partnerId !== partner.partnerId)
    return E.left(
      rejection(
        'not-attached',
        `client ${clientId} is not attached to partner ${partner.partnerId}`,
        'clientId',
      ),
    );
  return E.right(partner);
};

const rebateEvent = (command: RebateCommand): AgreementEvent => {
  const scope = {
    partnerId: command.partnerId,
    clientId: command.clientId ?? null,
    at: command.at,
  };
  switch (command.type) {
    case 'set-rebate-rate':
      return { type: 'RebateRateSet', ...scope, percent: command.percent };
    case 'suspend-rebates':
      return { type: 'RebatesSuspended', ...scope };
    case 'resume-rebates':
      return { type: 'RebatesResumed', ...scope };
    case 'cancel-rebates':
      return { type: 'RebatesCancelled', ...scope };
  }
};

/**
 * Decides a command about the agreements. Repeating a switch or cancel, or re-attaching a client
 * to its own partner, is accepted and recorded (the instruction happened, and it moves the
 * partner's watermark) but changes no terms: evolving it is idempotent.
 */
export const decideAgreement = (command: AgreementCommand, book: AgreementBook): Decision => {
  switch (command.type) {
    case 'register-partner':
      return registerPartner(book, command);
    case 'attach-client':
      return attachClient(book, command);
    case 'set-remuneration':
      return setRemuneration(book, command);
    case 'set-payout-hold':
      return setPayoutHold(book, command);
    case 'set-qualification':
      return setQualification(book, command);
    case 'set-override-rate':
      return setOverrideRate(book, command);
    case 'set-rebate-rate':
    case 'suspend-rebates':
    case 'resume-rebates':
    case 'cancel-rebates':
      return pipe(
        checkRebateCommand(book, command),
        E.map(() => [rebateEvent(command)]),
      );
  }
};
