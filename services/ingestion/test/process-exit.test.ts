import { ServiceProcess } from './support/service';

/** Exit codes without a broker or store: a bad setting is 2, a store that cannot open is 1. */
describe('ingestion process exit codes', () => {
  test('a bad setting exits 2 with a message naming the variable', async () => {
    const service = ServiceProcess.start({ KAFKA_BATCH_SIZE: 'lots', METRICS_PORT: '70000' });
    expect(await service.waitForExit()).toEqual({ code: 2, signal: null });
    expect(service.tail()).toContain(
      'KAFKA_BATCH_SIZE must be an integer from 1 to 50000 (got "lots")',
    );
    expect(service.tail()).toContain(
      'METRICS_PORT must be an integer from 0 to 65535 (got "70000")',
    );
  });

  test('EVENT_STORE=postgres without DATABASE_URL exits 2 naming DATABASE_URL', async () => {
    const service = ServiceProcess.start({ EVENT_STORE: 'postgres', DATABASE_URL: '' });
    expect(await service.waitForExit()).toEqual({ code: 2, signal: null });
    expect(service.tail()).toContain('DATABASE_URL must be set when EVENT_STORE=postgres');
  });

  test('a store that cannot be opened exits 1 with a fatal log line', async () => {
    const service = ServiceProcess.start({
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
    });
    expect(await service.waitForExit()).toEqual({ code: 1, signal: null });
    expect(service.tail()).toContain('"msg":"ingestion could not start"');
  });
});
