import type { EventStore } from '@rebate/event-store';
import { withHeldStreamRead } from '@rebate/test-support';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { type LedgerEvent, decodeLine } from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';
import { AGREEMENTS_STREAM, LedgerCommands } from '../../src';
import { StreamFold } from '../../src/commands/stream-fold';

/**
 * `StreamFold.catchUp` shares reads between overlapping calls, yet every call's state holds
 * every event appended before the call: a call that finds a read in flight (begun before it,
 * so possibly blind to an append committed just before the call) waits for it and shares the
 * one read queued after it.
 */

const noPayables = { payables: async () => ({ payables: [], position: undefined }) };

const register = async (store: EventStore, partnerId: string): Promise<void> => {
  const line = JSON.stringify({
    type: 'register-partner',
    partnerId,
    model: 'agent',
    at: '2026-09-01T00:00:00Z',
  });
  const command = decodeLine(line);
  if (isLeft(command)) throw new Error(command.left);
  const outcome = await new LedgerCommands(store, noPayables).execute(command.right, {
    commandId: `register-${partnerId}`,
  });
  expect(outcome.kind).toBe('applied');
};

const partnersFold = (store: EventStore) =>
  new StreamFold<readonly string[], LedgerEvent>(store, AGREEMENTS_STREAM, [], (ids, event) =>
    event.type === 'PartnerRegistered' ? [...ids, event.partnerId] : ids,
  );

describe('StreamFold.catchUp', () => {
  let store: EventStore;
  beforeEach(() => {
    store = openSqliteEventStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  test('a call made while a read is in flight sees an append committed before the call', async () => {
    await register(store, 'P1');
    const held = withHeldStreamRead(store, AGREEMENTS_STREAM);
    const fold = partnersFold(held.store);
    const first = fold.catchUp(); // its read takes P1, then is held
    await held.taken;
    await register(store, 'P2'); // committed after the first read began, before the next call
    const second = fold.catchUp();
    const third = fold.catchUp();
    held.release();
    expect(await first).toEqual(['P1']);
    expect(await second).toEqual(['P1', 'P2']);
    expect(await third).toEqual(['P1', 'P2']);
    // The calls made during the held read shared one read after it: two reads in all.
    expect(held.reads()).toBe(2);
    expect(fold.current.revision).toBe(1);
  });

  test('a failed read fails only the calls that shared it; the queued read still answers', async () => {
    await register(store, 'P1');
    const held = withHeldStreamRead(store, AGREEMENTS_STREAM, { failHeldRead: true });
    const fold = partnersFold(held.store);
    const first = fold.catchUp();
    await held.taken;
    const second = fold.catchUp();
    held.release();
    await expect(first).rejects.toThrow('connection lost');
    expect(await second).toEqual(['P1']);
  });

  test('calls after a read has finished start a new one and fold nothing twice', async () => {
    await register(store, 'P1');
    const fold = partnersFold(store);
    expect(await fold.catchUp()).toEqual(['P1']);
    await register(store, 'P2');
    const [a, b] = await Promise.all([fold.catchUp(), fold.catchUp()]);
    expect(a).toEqual(['P1', 'P2']);
    expect(b).toEqual(['P1', 'P2']);
    expect(await fold.catchUp()).toEqual(['P1', 'P2']);
  });
});
