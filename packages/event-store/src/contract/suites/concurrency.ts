import { describe, expect, it } from '@jest/globals';
import { WrongExpectedRevisionError } from '../../errors';
import type { ExpectedRevision } from '../../port';
import { closeAll, startChildren } from '../child-store';
import type { ContractHarness } from '../harness';
import { collect, idsOf, newEvent, newEvents, revisionsOf, useFreshStore } from '../fixtures';

const ROUNDS = 10;

const expectationAfter = (lastRevision: number | undefined): ExpectedRevision =>
  lastRevision ?? 'no_stream';

export function describeConcurrency(harness: ContractHarness): void {
  describe('concurrent writers', () => {
    const current = useFreshStore(harness);

    it('of 8 writers racing with the same expected revision, exactly one wins each round', async () => {
      const { store } = current();
      const winners: string[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const candidates = Array.from({ length: 8 }, () => newEvent('Raced', { round }));
        const expected = expectationAfter(round === 0 ? undefined : round - 1);
        const outcomes = await Promise.allSettled(
          candidates.map((event) => store.append('race', [event], expected)),
        );
        const won = candidates.filter((_, i) => outcomes[i]?.status === 'fulfilled');
        const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const error of lost) {
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect((error as WrongExpectedRevisionError).actual).toBe(round);
        }
        winners.push(...idsOf(won));
      }
      const stored = await collect(store.readStream('race'));
      expect(idsOf(stored)).toEqual(winners);
      expect(revisionsOf(stored)).toEqual(Array.from({ length: ROUNDS }, (_, i) => i));
    });

    it('of two processes racing with the same expected revision, exactly one wins', async () => {
      const target = current();
      const children = await startChildren(harness, target, 2);
      try {
        const winners: string[] = [];
        let lastRevision: number | undefined;
        for (let round = 0; round < ROUNDS; round += 1) {
          const batches = children.map(() => newEvents(2, 'Raced'));
          const expected = expectationAfter(lastRevision);
          const outcomes = await Promise.all(
            children.map((child, i) => child.append('race', batches[i] ?? [], expected)),
          );
          const winner = outcomes.findIndex((outcome) => outcome.ok);
          const won = outcomes[winner];
          const lost = outcomes[1 - winner];
          expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
          lastRevision = won?.ok === true ? won.value.nextRevision : undefined;
          expect(lastRevision).toBe(2 * round + 1);
          expect(lost?.ok === false ? lost.error : undefined).toMatchObject({
            name: 'WrongExpectedRevisionError',
            actual: lastRevision,
          });
          winners.push(...idsOf(batches[winner] ?? []));
        }
        const stored = await collect(target.store.readStream('race'));
        expect(idsOf(stored)).toEqual(winners);
      } finally {
        await closeAll(children);
      }
    });
  });
}
