import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { toNewEventRow } from '../support/append-input';
import { GENESIS_HASH, chainHash, chainInput, chainRows } from './chain-hash';

const content = {
  streamId: 'trade-T1',
  revision: 0,
  type: 'RebateAccrued',
  data: { rebate: '3.75', lots: '1.25', b: { '10': 1, '9': 2, z: null, a: [true, 'Zoë'] } },
  metadata: { schemaVersion: 1, correlationId: 'c-1' },
};

describe('the chain encoding', () => {
  it('is RFC 8785 canonical JSON of the tagged tuple: keys sorted as strings, no whitespace', () => {
    expect(chainInput(GENESIS_HASH, content)).toBe(
      `["rebate-chain-v1","${GENESIS_HASH}","trade-T1",0,"RebateAccrued",` +
        '{"b":{"10":1,"9":2,"a":[true,"Zoë"],"z":null},"lots":"1.25","rebate":"3.75"},' +
        '{"correlationId":"c-1","schemaVersion":1}]',
    );
  });

  it('is the SHA-256 of those UTF-8 bytes, whatever order the keys were stored in', () => {
    const expected = createHash('sha256')
      .update(Buffer.from(chainInput(GENESIS_HASH, content), 'utf8'))
      .digest('hex');
    expect(chainHash(GENESIS_HASH, content)).toBe(expected);
    const reordered = JSON.parse(
      '{"b":{"z":null,"a":[true,"Zoë"],"9":2,"10":1},"rebate":"3.75","lots":"1.25"}',
    );
    expect(chainHash(GENESIS_HASH, { ...content, data: reordered })).toBe(expected);
    expect(
      chainHash(GENESIS_HASH, { ...content, data: { ...content.data, rebate: '3.750' } }),
    ).not.toBe(expected);
  });

  it('pins the hash of a known event, so an accidental change of the encoding fails here', () => {
    // printf '%s' '["rebate-chain-v1","000…000","trade-T1",0,"RebateAccrued",{},{"schemaVersion":1}]' | sha256sum
    expect(chainHash(GENESIS_HASH, { ...content, data: {}, metadata: { schemaVersion: 1 } })).toBe(
      '8138d391612be244b5b4594675060766bcc1158d1ff2fff435b182be260b971a',
    );
  });

  it('the append path (canonical rows, no parsing) gives the same hashes as hashing parsed values', () => {
    const events = [
      content,
      { ...content, revision: 1, type: 'RebateReversed', data: { n: 1.5e-7 } },
    ];
    const rows = events.map((e, i) =>
      toNewEventRow(e.streamId, e.revision, {
        eventId: `00000000-0000-4000-8000-00000000000${i}`,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      }),
    );
    const [first, second] = chainRows(GENESIS_HASH, rows);
    expect(first).toBe(chainHash(GENESIS_HASH, content));
    expect(second).toBe(
      chainHash(first ?? '', {
        ...events[1],
        data: JSON.parse(rows[1]?.data ?? ''),
      } as typeof content),
    );
  });

  it('refuses payloads that are not JSON rather than hash something else than is stored', () => {
    const event = {
      eventId: '00000000-0000-4000-8000-000000000001',
      type: 'T',
      metadata: { schemaVersion: 1 },
    };
    expect(() => toNewEventRow('s', 0, { ...event, data: { amount: Number.NaN } })).toThrow(
      /not JSON/,
    );
    expect(() => toNewEventRow('s', 0, { ...event, data: undefined })).toThrow(/not JSON/);
  });
});
