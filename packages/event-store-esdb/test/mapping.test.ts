import { describe, expect, test } from '@jest/globals';
import {
  AccessDeniedError,
  END,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  EventDecodingError,
  IdempotencyConflictError,
  WrongExpectedRevisionError,
} from '@rebate/event-store';
import { backoffDelay } from '../src/backoff';
import { checkEventData, toEsdbEvent, toRecordedEvent } from '../src/codec';
import {
  conflictError,
  isMissingStream,
  isPermanentSubscriptionError,
  isWrongExpectedVersion,
} from '../src/esdb-errors';
import {
  comparePositions,
  cursorAfter,
  isAfterCheckpoint,
  isBeyond,
  laterCheckpoint,
  toEsdbPosition,
  toPortPosition,
  usablePosition,
} from '../src/positions';
import {
  checkMaxCount,
  expectedLastRevision,
  fromEsdbCurrentRevision,
  fromEsdbRevision,
  toEsdbExpectedRevision,
  toEsdbReadRevision,
} from '../src/revisions';
import { StreamScope } from '../src/scope';

const pos = (commit: bigint, prepare = commit): Position => ({ commit, prepare });
const ID = '6f1c1a52-2b7e-4c55-9f3e-0d8f6a1b2c3d';

describe('expected revision mapping', () => {
  test('named expectations travel as the client constants, revisions as bigint', () => {
    expect(toEsdbExpectedRevision('no_stream')).toBe('no_stream');
    expect(toEsdbExpectedRevision('stream_exists')).toBe('stream_exists');
    expect(toEsdbExpectedRevision('any')).toBe('any');
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });

  test('-1 never reaches the client: it is rejected with a pointer to no_stream', () => {
    expect(() => toEsdbExpectedRevision(-1)).toThrow(RangeError);
    expect(() => toEsdbExpectedRevision(-1)).toThrow(/no_stream/);
    expect(() => toEsdbExpectedRevision(1.5)).toThrow(RangeError);
    expect(() => toEsdbExpectedRevision(Number.NaN)).toThrow(RangeError);
    expect(() => toEsdbExpectedRevision(2 ** 53)).toThrow(RangeError);
  });

  test("the actual revision of a conflict: 'no_stream' and legacy -1 mean no stream", () => {
    expect(fromEsdbCurrentRevision('no_stream')).toBeUndefined();
    expect(fromEsdbCurrentRevision(-1n)).toBeUndefined();
    expect(fromEsdbCurrentRevision(-1)).toBeUndefined();
    expect(fromEsdbCurrentRevision(undefined)).toBeUndefined();
    expect(fromEsdbCurrentRevision(0n)).toBe(0);
    expect(fromEsdbCurrentRevision(7n)).toBe(7);
    expect(fromEsdbCurrentRevision(7)).toBe(7);
  });

  test('ESDB revisions become numbers, refusing ones a number cannot hold', () => {
    expect(fromEsdbRevision(0n)).toBe(0);
    expect(fromEsdbRevision(12n)).toBe(12);
    expect(() => fromEsdbRevision(2n ** 53n)).toThrow(RangeError);
    expect(() => fromEsdbRevision(-1n)).toThrow(RangeError);
  });

  test('only exact expectations name a last revision (-1 before the first event)', () => {
    expect(expectedLastRevision('no_stream')).toBe(-1);
    expect(expectedLastRevision(0)).toBe(0);
    expect(expectedLastRevision(9)).toBe(9);
    expect(expectedLastRevision('any')).toBeUndefined();
    expect(expectedLastRevision('stream_exists')).toBeUndefined();
  });

  test('read start: first or last event by default, else the revision as bigint', () => {
    expect(toEsdbReadRevision(undefined, 'forwards')).toBe(START);
    expect(toEsdbReadRevision(undefined, 'backwards')).toBe(END);
    expect(toEsdbReadRevision(0, 'forwards')).toBe(0n);
    expect(toEsdbReadRevision(5, 'backwards')).toBe(5n);
    expect(() => toEsdbReadRevision(-1, 'forwards')).toThrow(RangeError);
  });

  test('maxCount: absent is unbounded, 0 reads nothing, negatives are refused', () => {
    expect(checkMaxCount(undefined)).toBe(Number.POSITIVE_INFINITY);
    expect(checkMaxCount(0)).toBe(0);
    expect(checkMaxCount(3)).toBe(3);
    expect(() => checkMaxCount(-1)).toThrow(RangeError);
    expect(() => checkMaxCount(2.5)).toThrow(RangeError);
  });
});

describe('position mapping', () => {
  test('the port position is the commit position of $all', () => {
    expect(toPortPosition(pos(1234n, 1200n))).toBe(1234n);
    expect(toEsdbPosition(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
    expect(() => toEsdbPosition(-1n)).toThrow(RangeError);
    expect(() => toEsdbPosition(2n ** 63n)).toThrow(RangeError);
  });

  test('"no position" (absent, 0, or -1 read as unsigned) is not a position', () => {
    expect(usablePosition(undefined)).toBeUndefined();
    expect(usablePosition(pos(0n))).toBeUndefined();
    expect(usablePosition(pos(2n ** 64n - 1n))).toBeUndefined();
    expect(usablePosition(pos(98765n, 98000n))).toBe(98765n);
  });

  test('positions order by commit, then prepare', () => {
    expect(comparePositions(pos(5n), pos(7n))).toBe(-1);
    expect(comparePositions(pos(7n), pos(5n))).toBe(1);
    expect(comparePositions(pos(7n, 3n), pos(7n, 4n))).toBe(-1);
    expect(comparePositions(pos(7n), pos(7n))).toBe(0);
  });

  test('after is exclusive: the checkpoint itself is not delivered', () => {
    expect(isAfterCheckpoint(5n, undefined)).toBe(true);
    expect(isAfterCheckpoint(5n, 5n)).toBe(false);
    expect(isAfterCheckpoint(4n, 5n)).toBe(false);
    expect(isAfterCheckpoint(6n, 5n)).toBe(true);
  });

  test('a store floor and a caller checkpoint combine to the later one', () => {
    expect(laterCheckpoint(undefined, undefined)).toBeUndefined();
    expect(laterCheckpoint(5n, undefined)).toBe(5n);
    expect(laterCheckpoint(undefined, 9n)).toBe(9n);
    expect(laterCheckpoint(5n, 9n)).toBe(9n);
    expect(laterCheckpoint(12n, 9n)).toBe(12n);
  });

  test('a read after a checkpoint starts at it; a negative checkpoint starts at the beginning', () => {
    expect(cursorAfter(undefined)).toBeUndefined();
    expect(cursorAfter(-1n)).toBeUndefined();
    expect(cursorAfter(300n)).toEqual(pos(300n));
  });

  test('an inclusive ESDB page starting at the checkpoint yields only what follows it', () => {
    // $all holds events at 100, 200, 300, 400; the caller's checkpoint is 200.
    const log = [pos(100n), pos(200n), pos(300n), pos(400n)];
    const cursor = cursorAfter(200n);
    if (cursor === undefined) throw new Error('expected a cursor');
    const page = log.filter((p) => comparePositions(p, cursor) >= 0); // what ESDB returns
    expect(page.map(toPortPosition)).toEqual([200n, 300n, 400n]);
    const kept = page.filter((p) => isBeyond(p, cursor, 'forwards'));
    expect(kept.map(toPortPosition)).toEqual([300n, 400n]);
  });

  test('paging cursors drop what is not strictly beyond them in the direction of travel', () => {
    expect(isBeyond(pos(10n), undefined, 'forwards')).toBe(true);
    expect(isBeyond(pos(10n), pos(10n), 'forwards')).toBe(false);
    expect(isBeyond(pos(11n), pos(10n), 'forwards')).toBe(true);
    expect(isBeyond(pos(10n), pos(10n), 'backwards')).toBe(false);
    expect(isBeyond(pos(9n), pos(10n), 'backwards')).toBe(true);
    expect(isBeyond(pos(11n), pos(10n), 'backwards')).toBe(false);
  });
});

describe('error mapping', () => {
  const wrongVersion = (current: bigint | 'no_stream') =>
    new WrongExpectedVersionError(undefined, { streamName: 's', expected: 3n, current });

  test('client errors are recognised by their type tag', () => {
    expect(isWrongExpectedVersion(wrongVersion(5n))).toBe(true);
    expect(isWrongExpectedVersion(new Error('x'))).toBe(false);
    expect(isMissingStream(new StreamNotFoundError(undefined, 's'))).toBe(true);
    expect(isMissingStream(new StreamDeletedError(undefined, 's'))).toBe(true);
    expect(isMissingStream(new UnavailableError())).toBe(false);
    expect(isMissingStream(undefined)).toBe(false);
  });

  test("a conflict's actual revision survives the trip: revision, or undefined for no stream", () => {
    const existing = wrongVersion(5n);
    const missing = wrongVersion('no_stream');
    expect(fromEsdbCurrentRevision(existing.actualVersion)).toBe(5);
    expect(fromEsdbCurrentRevision(missing.actualVersion)).toBeUndefined();
  });

  test('exact expectations map to WrongExpectedRevisionError with the actual revision', () => {
    const error = conflictError('acc-1', 3, 5, ID);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'acc-1', expected: 3, actual: 5 });
    expect(conflictError('acc-1', 'no_stream', 0, ID)).toMatchObject({
      expected: 'no_stream',
      actual: 0,
    });
    expect(conflictError('acc-1', 'stream_exists', undefined, ID)).toMatchObject({
      expected: 'stream_exists',
      actual: undefined,
    });
    expect(conflictError('acc-1', 4, undefined, ID).message).toMatch(/actual no stream/);
  });

  test("'any' and 'stream_exists' on an existing stream only fail on a partial duplicate", () => {
    const any = conflictError('acc-1', 'any', 2, ID);
    expect(any).toBeInstanceOf(IdempotencyConflictError);
    expect(any).toMatchObject({ streamId: 'acc-1', eventId: ID });
    expect(conflictError('acc-1', 'stream_exists', 2, ID)).toBeInstanceOf(IdempotencyConflictError);
  });

  test('a subscription retries network faults and stops on what no retry cures', () => {
    expect(isPermanentSubscriptionError(new UnavailableError())).toBe(false);
    expect(isPermanentSubscriptionError(new Error('RST_STREAM'))).toBe(false);
    expect(isPermanentSubscriptionError({ code: 14 })).toBe(false);
    expect(isPermanentSubscriptionError(new AccessDeniedError())).toBe(true);
    expect(isPermanentSubscriptionError({ code: 7 })).toBe(true);
    expect(isPermanentSubscriptionError(new EventDecodingError('s', 0, 1n, 'bad'))).toBe(true);
  });
});

describe('scope and filters', () => {
  test('namespaces prefix stream ids; $-streams are refused', () => {
    const scope = new StreamScope('t1-');
    expect(scope.toEsdb('acc-1')).toBe('t1-acc-1');
    expect(() => scope.toEsdb('$all')).toThrow(TypeError);
    expect(() => scope.toEsdb('')).toThrow(TypeError);
    expect(() => new StreamScope('$x')).toThrow(RangeError);
  });

  test('only this namespace, no system events, and the filter are visible', () => {
    const scope = new StreamScope('t1-');
    expect(scope.visible('t1-acc-1', 'Accrued')).toBe('acc-1');
    expect(scope.visible('t2-acc-1', 'Accrued')).toBeUndefined();
    expect(scope.visible('$$t1-acc-1', '$metadata')).toBeUndefined();
    expect(scope.visible('t1-acc-1', '$>')).toBeUndefined();
    const filter = { streamPrefixes: ['acc-'], eventTypes: ['Accrued'] };
    expect(scope.visible('t1-acc-1', 'Accrued', filter)).toBe('acc-1');
    expect(scope.visible('t1-acc-1', 'AccruedLater', filter)).toBeUndefined();
    expect(scope.visible('t1-pay-1', 'Accrued', filter)).toBeUndefined();
    expect(scope.visible('t1-acc-1', 'Accrued', { eventTypes: [] })).toBeUndefined();
  });

  test('server-side filters narrow by stream prefix, else namespace, else type, else system', () => {
    expect(new StreamScope('t1-').serverFilter({ streamPrefixes: ['acc-'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['t1-acc-'],
    });
    expect(new StreamScope('t1-').serverFilter({ eventTypes: ['Accrued'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['t1-'],
    });
    expect(new StreamScope().serverFilter({ eventTypes: ['Accrued'] })).toMatchObject({
      filterOn: 'eventType',
      prefixes: ['Accrued'],
    });
    expect(new StreamScope().serverFilter()).toMatchObject({
      filterOn: 'eventType',
      regex: '^[^$].*',
    });
  });
});

describe('event codec', () => {
  const event = {
    eventId: ID,
    type: 'RebateAccrued',
    data: { amount: '12.50' },
    metadata: { schemaVersion: 1, correlationId: 'c-1' },
  };

  test('events are checked before sending and become ESDB JSON events with our id', () => {
    expect(() => checkEventData('s', event)).not.toThrow();
    expect(() => checkEventData('s', { ...event, type: '$internal' })).toThrow(TypeError);
    expect(() => checkEventData('s', { ...event, data: undefined })).toThrow(TypeError);
    expect(() => checkEventData('s', { ...event, data: null })).not.toThrow();
    expect(toEsdbEvent(event)).toEqual({
      id: ID,
      contentType: 'application/json',
      type: 'RebateAccrued',
      data: { amount: '12.50' },
      metadata: { schemaVersion: 1, correlationId: 'c-1' },
    });
  });

  const recorded = (overrides: Partial<Record<string, unknown>> = {}) =>
    ({
      streamId: 't1-acc-1',
      id: ID,
      isJson: true,
      revision: 3n,
      type: 'RebateAccrued',
      created: new Date('2025-01-02T03:04:05.678Z'),
      data: { amount: '12.50' },
      metadata: { schemaVersion: 1 },
      position: pos(4096n),
      ...overrides,
    }) as unknown as EsdbRecordedEvent;

  test('recorded events keep id, revision, payload; recordedAt is the created time', () => {
    expect(toRecordedEvent(recorded(), 'acc-1', 4096n)).toEqual({
      streamId: 'acc-1',
      revision: 3,
      position: 4096n,
      eventId: ID,
      type: 'RebateAccrued',
      data: { amount: '12.50' },
      metadata: { schemaVersion: 1 },
      recordedAt: '2025-01-02T03:04:05.678Z',
    });
  });

  test('undecodable events raise EventDecodingError naming where they are', () => {
    const bytes = recorded({ metadata: new Uint8Array([123, 34]) });
    expect(() => toRecordedEvent(bytes, 'acc-1', 4096n)).toThrow(EventDecodingError);
    expect(() => toRecordedEvent(recorded({ isJson: false }), 'acc-1', 4096n)).toThrow(
      /acc-1@3 \(position 4096\)/,
    );
    expect(() => toRecordedEvent(recorded({ metadata: {} }), 'acc-1', 1n)).toThrow(/schemaVersion/);
  });
});

describe('resubscription backoff', () => {
  test('doubles from the initial delay up to the cap, half of it jittered', () => {
    const policy = { initialDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 1)).toBe(400);
    expect(backoffDelay(10, policy, () => 1)).toBe(1000);
    expect(backoffDelay(10, policy, () => 0)).toBe(500);
  });
});
