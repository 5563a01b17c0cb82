import { afterEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { chainHash } from '../chain/chain-hash';
import type { ChainLink } from '../chain/types';
import { type ChainVerification, verifyChain } from '../chain/verify-chain';
import { collect, newEvent } from './fixtures';
import type { ContractStore } from './harness';
import { chainOf } from './suites/chain';

/** A row as a forger writes it straight into the events table. */
export interface ForgedRow {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly chainHash: string;
}

/**
 * Raw SQL edits of a store's events table, past the adapter, as someone with database access
 * would make them. Positions are the stored ones.
 */
export interface SqlTamper {
  /** Replaces the stored data of one event. */
  editData(position: bigint, data: unknown): Promise<void>;
  deleteEvent(position: bigint): Promise<void>;
  /** Moves every later event one position up and stores `row` right after `position`. */
  insertAfter(position: bigint, row: ForgedRow): Promise<void>;
  /** Exchanges the positions of two events. */
  swap(a: bigint, b: bigint): Promise<void>;
}

/** What an SQL adapter's test file gives `describeChainTampering`. */
export interface ChainTamperHarness {
  createStore(): Promise<ContractStore>;
  tamper(target: ContractStore): SqlTamper;
}

const EVENTS = 10;

/**
 * Tampering with a store's events table directly (SQL stores, where one chain follows the
 * global order): every edit, deletion, insertion and reordering fails verification at the
 * first bad position, and a clean ledger passes.
 */
export function describeChainTampering(adapterName: string, harness: ChainTamperHarness): void {
  describe(`${adapterName}: tampering with stored events`, () => {
    let target: ContractStore | undefined;
    let links: ChainLink[] = [];

    const setup = async (): Promise<{ tamper: SqlTamper; at: (index: number) => ChainLink }> => {
      target = await harness.createStore();
      const { store } = target;
      for (let n = 0; n < EVENTS / 2; n += 1) {
        await store.appendMany([
          { streamId: `trade-${n}`, events: [accrual(n)], expected: 'no_stream' },
          {
            streamId: 'agreements',
            events: [newEvent('RateSet', { n })],
            expected: n === 0 ? 'no_stream' : n - 1,
          },
        ]);
      }
      links = await collect(chainOf(store).links());
      expect(links).toHaveLength(EVENTS);
      const at = (index: number): ChainLink => {
        const link = links[index];
        if (link === undefined) throw new Error(`no event #${index}`);
        return link;
      };
      return { tamper: harness.tamper(target), at };
    };

    const verify = async (): Promise<ChainVerification> => {
      if (target === undefined) throw new Error('no store');
      return verifyChain(chainOf(target.store));
    };

    afterEach(async () => {
      await target?.dispose();
      target = undefined;
    });

    it('a clean ledger passes', async () => {
      await setup();
      expect(await verify()).toMatchObject({ ok: true, eventsVerified: EVENTS });
    });

    it("an edited event's data fails at that event", async () => {
      const { tamper, at } = await setup();
      await tamper.editData(at(4).position, { ...(at(4).data as object), rebate: '9999.00' });
      const verification = await verify();
      expect(verification.problem).toMatchObject({
        kind: 'hash-mismatch',
        position: at(4).position,
        streamId: at(4).streamId,
      });
      expect(verification.eventsVerified).toBe(4);
    });

    it('a deleted event fails at the event after it', async () => {
      const { tamper, at } = await setup();
      await tamper.deleteEvent(at(5).position);
      const verification = await verify();
      expect(verification.problem).toMatchObject({
        kind: 'hash-mismatch',
        position: at(6).position,
      });
      expect(verification.problem?.detail).toContain(`position ${at(4).position.toString()}`);
    });

    const forged = (chain: string): ForgedRow => ({
      streamId: 'trade-forged',
      revision: 0,
      eventId: randomUUID(),
      type: 'RebateAccrued',
      data: { tradeId: 'forged', rebate: '500.00' },
      metadata: { schemaVersion: 1 },
      chainHash: chain,
    });

    it('an inserted event fails at itself', async () => {
      const { tamper, at } = await setup();
      await tamper.insertAfter(at(3).position, forged(at(3).hash ?? ''));
      const verification = await verify();
      expect(verification.problem).toMatchObject({
        kind: 'hash-mismatch',
        position: at(3).position + 1n,
        streamId: 'trade-forged',
      });
    });

    it('an inserted event hashed by a forger who knows the scheme fails at the event after it', async () => {
      const { tamper, at } = await setup();
      const row = forged('');
      await tamper.insertAfter(at(3).position, {
        ...row,
        chainHash: chainHash(at(3).hash ?? '', row),
      });
      const verification = await verify();
      expect(verification.problem).toMatchObject({
        kind: 'hash-mismatch',
        position: at(4).position + 1n,
        streamId: at(4).streamId,
      });
    });

    it('two swapped events fail at the first of them, also when adjacent', async () => {
      const { tamper, at } = await setup();
      await tamper.swap(at(2).position, at(7).position);
      expect((await verify()).problem).toMatchObject({
        position: at(2).position,
        streamId: at(7).streamId,
      });
      await tamper.swap(at(2).position, at(7).position);
      expect(await verify()).toMatchObject({ ok: true });
      await tamper.swap(at(8).position, at(9).position);
      expect((await verify()).problem).toMatchObject({ position: at(8).position });
    });

    it('a deleted newest event is caught against the head recorded by an earlier verification', async () => {
      const { tamper, at } = await setup();
      const recorded = await verify();
      await tamper.deleteEvent(at(EVENTS - 1).position);
      expect(await verify()).toMatchObject({ ok: true }); // the chain alone cannot see its tail cut
      const anchors = recorded.head === undefined ? [] : [recorded.head];
      if (target === undefined) throw new Error('no store');
      const verification = await verifyChain(chainOf(target.store), { anchors });
      expect(verification.problem).toMatchObject({
        kind: 'anchor-mismatch',
        position: at(EVENTS - 1).position,
      });
    });
  });
}

function accrual(n: number) {
  return newEvent('RebateAccrued', { tradeId: `t${n}`, lots: '1.5', rebate: `${n}.25` });
}
