import { readApiSettings } from '@rebate/api';

/** `PAYOUT_SCHEDULE` is checked when the service reads its settings, not at the first slot. */
describe('PAYOUT_SCHEDULE setting', () => {
  test('off by default', () => {
    expect(readApiSettings({}).PAYOUT_SCHEDULE).toBeUndefined();
  });

  test('a cron expression is kept as given', () => {
    expect(readApiSettings({ PAYOUT_SCHEDULE: '0 6 * * 1' }).PAYOUT_SCHEDULE).toBe('0 6 * * 1');
  });

  test('anything else refuses to start, naming the setting', () => {
    expect(() => readApiSettings({ PAYOUT_SCHEDULE: 'every monday' })).toThrow(/PAYOUT_SCHEDULE/);
  });
});
