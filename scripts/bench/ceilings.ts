/**
 * The machine's own limits, measured in the same run as the pipeline: PostgreSQL accepting the
 * same rows the pipeline stored (event rows of the store's shape, each with its stream row), by
 * multi-row INSERT and by COPY, into fresh schemas made by the store's own migrations; and a
 * kafkajs consumer reading the pipeline's topic while doing nothing with the messages.
 */
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openEventStore } from '@rebate/runtime';

export interface StoredRow {
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  /** The event's chain hash (tamper evidence): the store's own row shape includes it. */
  chain_hash: string;
}

export const readStoredRows = async (url: string, schema: string): Promise<StoredRow[]> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<StoredRow>(
      `SELECT stream_id, revision, event_id, type, data::text AS data, metadata::text AS metadata,
              chain_hash
       FROM "${schema}".events WHERE stream_id LIKE 'trade-%' ORDER BY position`,
    );
    return result.rows;
  } finally {
    await client.end();
  }
};

/** A fresh schema with the event store's tables and indexes, made by its own migrations. */
const freshStoreSchema = async (url: string, schema: string): Promise<void> => {
  const store = await openEventStore({
    kind: 'postgres',
    connectionString: url,
    schema,
    poolSize: undefined,
  });
  await store.close();
};

export const dropSchema = async (url: string, schema: string): Promise<void> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
};

const CHUNK = 1000;

/** Multi-row INSERT, one transaction per chunk of 1,000 events and their stream rows. */
export const insertCeiling = async (
  url: string,
  schema: string,
  rows: readonly StoredRow[],
): Promise<number> => {
  await freshStoreSchema(url, schema);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema}"`);
    const started = process.hrtime.bigint();
    for (let at = 0; at < rows.length; at += CHUNK) {
      const chunk = rows.slice(at, at + CHUNK);
      const streams = new Map<string, number>();
      for (const row of chunk) streams.set(row.stream_id, row.revision);
      const values: unknown[] = [];
      const tuples = chunk.map((row, i) => {
        values.push(
          row.stream_id,
          row.revision,
          row.event_id,
          row.type,
          row.data,
          row.metadata,
          row.chain_hash,
        );
        const b = i * 7;
        return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7})`;
      });
      const streamValues: unknown[] = [];
      const streamTuples = [...streams].map(([id, revision], i) => {
        streamValues.push(id, revision);
        return `($${2 * i + 1},$${2 * i + 2})`;
      });
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO streams (stream_id, revision) VALUES ${streamTuples.join(',')}
         ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision`,
        streamValues,
      );
      await client.query(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, chain_hash) VALUES ${tuples.join(',')}`,
        values,
      );
      await client.query('COMMIT');
    }
    return rows.length / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await client.end();
    await dropSchema(url, schema);
  }
};

const copyText = (value: string | number): string =>
  String(value)
    .replace(/\\/g, '\\\\')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');

const copyInto = (client: Client, sql: string, lines: string[]): Promise<void> =>
  new Promise((done, fail) => {
    const stream = client.query(copyFrom(sql));
    stream.on('error', fail);
    stream.on('finish', () => done());
    stream.end(lines.join(''));
  });

/** COPY FROM STDIN, one transaction per chunk of 1,000 events (streams rows COPYed too). */
export const copyCeiling = async (
  url: string,
  schema: string,
  rows: readonly StoredRow[],
): Promise<number> => {
  await freshStoreSchema(url, schema);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema}"`);
    const started = process.hrtime.bigint();
    for (let at = 0; at < rows.length; at += CHUNK) {
      const chunk = rows.slice(at, at + CHUNK);
      const streams = new Map<string, number>();
      for (const row of chunk) streams.set(row.stream_id, row.revision);
      await client.query('BEGIN');
      // Reversals append to streams of an earlier chunk: those rows are updated, not copied.
      const known = await client.query<{ stream_id: string }>(
        'SELECT stream_id FROM streams WHERE stream_id = ANY($1)',
        [[...streams.keys()]],
      );
      for (const { stream_id } of known.rows) {
        await client.query('UPDATE streams SET revision = $2 WHERE stream_id = $1', [
          stream_id,
          streams.get(stream_id),
        ]);
        streams.delete(stream_id);
      }
      if (streams.size > 0) {
        await copyInto(
          client,
          'COPY streams (stream_id, revision) FROM STDIN',
          [...streams].map(([id, r]) => `${copyText(id)}\t${r}\n`),
        );
      }
      await copyInto(
        client,
        'COPY events (stream_id, revision, event_id, type, data, metadata, chain_hash) FROM STDIN',
        chunk.map(
          (row) =>
            [
              row.stream_id,
              row.revision,
              row.event_id,
              row.type,
              row.data,
              row.metadata,
              row.chain_hash,
            ]
              .map(copyText)
              .join('\t') + '\n',
        ),
      );
      await client.query('COMMIT');
    }
    return rows.length / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await client.end();
    await dropSchema(url, schema);
  }
};

/** A consumer in a fresh group reading the whole topic and doing nothing with it. */
export const kafkaConsumeCeiling = async (
  brokers: string[],
  topic: string,
  messages: number,
): Promise<number> => {
  const kafka = new Kafka({ brokers, clientId: 'bench-ceiling', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({
    groupId: `bench-ceiling-${Date.now().toString(36)}`,
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let first: bigint | undefined;
  let last = 0n;
  const finished = new Promise<void>((done) => {
    void consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        first ??= process.hrtime.bigint();
        seen += batch.messages.length;
        last = process.hrtime.bigint();
        if (seen >= messages) done();
      },
    });
  });
  await finished;
  await consumer.disconnect();
  return seen / (Number(last - (first ?? last)) / 1e9 || 1e-9);
};
