import { describe, expect, it } from '@jest/globals';
import { EventDecodingError } from '@rebate/event-store';
import { decodeEventRow } from './event-row';

const row = {
  position: 7n,
  stream_id: 's',
  revision: 2n,
  event_id: '0b6f8f4e-3c1a-4f0e-9d55-0d3c1f6b7a10',
  type: 'T',
  data: '{"amount":"1.50"}',
  metadata: '{"schemaVersion":1,"correlationId":"c"}',
  recorded_at: '2025-01-02T03:04:05.678Z',
};

describe('decodeEventRow', () => {
  it('decodes a SQLite row (bigint integers) and a pg row (int8 as text) alike', () => {
    const fromSqlite = decodeEventRow(row);
    const fromPg = decodeEventRow({ ...row, position: '7', revision: 2 });
    expect(fromPg).toEqual(fromSqlite);
    expect(fromSqlite).toEqual({
      streamId: 's',
      revision: 2,
      position: 7n,
      eventId: row.event_id,
      type: 'T',
      data: { amount: '1.50' },
      metadata: { schemaVersion: 1, correlationId: 'c' },
      recordedAt: row.recorded_at,
    });
  });

  it.each([
    ['corrupt data JSON', { data: '{"broken' }, 'data is not valid JSON'],
    ['metadata without schemaVersion', { metadata: '{}' }, 'schemaVersion'],
    ['metadata that is not an object', { metadata: '"x"' }, 'metadata'],
  ])('reports %s as EventDecodingError with stream and position', (_, change, reason) => {
    let caught: unknown;
    try {
      decodeEventRow({ ...row, ...change });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventDecodingError);
    expect(caught).toMatchObject({ streamId: 's', revision: 2, position: 7n });
    expect((caught as EventDecodingError).reason).toContain(reason);
  });

  it('treats a malformed envelope as a schema bug (TypeError), not bad data', () => {
    expect(() => decodeEventRow({ ...row, position: 'seven' })).toThrow(TypeError);
  });
});
