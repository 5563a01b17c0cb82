import { describe, expect, it } from '@jest/globals';
import { ChangeNotifier } from './change-notifier';

const ONE_MINUTE = 60_000;

describe('ChangeNotifier', () => {
  it('wakes a waiter on notify, long before its timeout', async () => {
    const changes = new ChangeNotifier();
    const woken = changes.wait(changes.version, ONE_MINUTE);
    changes.notify();
    await expect(woken).resolves.toBeUndefined();
    expect(changes.version).toBe(1);
  });

  it('returns at once when a notification came after the version was read', async () => {
    const changes = new ChangeNotifier();
    const seen = changes.version;
    changes.notify();
    await expect(changes.wait(seen, ONE_MINUTE)).resolves.toBeUndefined();
  });

  it('wakes on abort and on timeout', async () => {
    const changes = new ChangeNotifier();
    const controller = new AbortController();
    const aborted = changes.wait(changes.version, ONE_MINUTE, controller.signal);
    controller.abort();
    await expect(aborted).resolves.toBeUndefined();
    await expect(changes.wait(changes.version, 5)).resolves.toBeUndefined();
  });
});
