import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { BulkAnswer, existingLocalSecret, mintToken } from '@rebate/api';
import { isBlankLine } from '@rebate/domain';
import { port, readEnv, setting, storeEnv, text } from '@rebate/runtime';

export interface IngestOptions {
  readonly url?: string;
  readonly token?: string;
  readonly chunk: string;
}

const ingestEnv = {
  DATA_DIR: storeEnv.DATA_DIR,
  PORT: setting(port, 8080),
  REBATE_TOKEN: setting(text),
  JWT_SECRET: setting(text),
  JWT_ISSUER: setting(text),
  JWT_AUDIENCE: setting(text),
};

const adminToken = async (env: ReturnType<typeof readEnv<typeof ingestEnv>>): Promise<string> => {
  if (env.REBATE_TOKEN !== undefined) return env.REBATE_TOKEN;
  const secret = env.JWT_SECRET ?? existingLocalSecret(env.DATA_DIR);
  if (secret === undefined) {
    throw new Error(
      'no token: pass --token, set REBATE_TOKEN or JWT_SECRET, or run `rebate serve`',
    );
  }
  return mintToken({
    secret,
    role: 'admin',
    subject: 'rebate-ingest',
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    expiresIn: '1h',
  });
};

const LF = 0x0a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The file's lines as raw bytes, cut at LF only: the service's line reader (rules section 14)
 * decodes each one, so invalid UTF-8, CRs and BOMs reach it exactly as `rebate simulate` sees them.
 */
const rawLines = (content: Buffer): Buffer[] => {
  const lines: Buffer[] = [];
  let start = 0;
  for (let end = content.indexOf(LF); end !== -1; end = content.indexOf(LF, start)) {
    lines.push(content.subarray(start, end));
    start = end + 1;
  }
  lines.push(content.subarray(start));
  return lines;
};

/**
 * One request's body. The service drops a BOM at the start of a body (a file's start); a later
 * chunk that begins with one gets a blank line first, so it stays mid-file and is refused there
 * too. Returns how many lines were put in front.
 */
const bodyOf = (chunk: readonly Buffer[], offset: number): { body: Buffer; shift: number } => {
  const shift = offset > 0 && chunk[0]?.subarray(0, 3).equals(BOM) ? 1 : 0;
  const parts = shift ? [Buffer.alloc(0), ...chunk] : [...chunk];
  return {
    body: Buffer.concat(parts.flatMap((line, i) => (i === 0 ? [line] : [Buffer.from([LF]), line]))),
    shift,
  };
};

interface Rejected {
  readonly line: number;
  readonly code: string;
  readonly reason: string;
}

/** Answers worth the same request again after a pause: the service is busy or restarting. */
const RETRYABLE = new Set([409, 429, 502, 503, 504]);
const ATTEMPTS = 5;

/**
 * `rebate ingest FILE`: feeds an NDJSON file of the rules' lines (trades and commands) to the
 * running service through its bulk import (`POST /v1/commands`), so the service that owns the
 * store and the projections applies them, whatever the store is, without Kafka. The file goes
 * in chunks; each chunk's Idempotency-Key derives from the file's content and the chunk, and
 * the service keeps the keys in its database: running the same command again, even after the
 * service was killed mid-import, applies exactly the lines not yet applied and ends in the
 * state `rebate simulate FILE` prints. Prints a summary; rejected lines do not fail it.
 */
export const ingest = async (file: string, options: IngestOptions): Promise<void> => {
  const env = readEnv(ingestEnv, process.env);
  const base = (options.url ?? `http://127.0.0.1:${env.PORT}`).replace(/\/$/, '');
  const authorization = `Bearer ${options.token ?? (await adminToken(env))}`;
  const chunkSize = Number.parseInt(options.chunk, 10);
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new Error('--chunk must be >= 1');

  const content = await readFile(file);
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 24);
  const lines = rawLines(content);
  const totals = { lines: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const rejected: Rejected[] = [];

  const post = async (body: Uint8Array<ArrayBuffer>, key: string): Promise<BulkAnswer> => {
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(`${base}/v1/commands`, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/x-ndjson',
          'idempotency-key': key,
        },
        body,
      });
      const answer: unknown = await response.json().catch(() => undefined);
      if (response.ok && BulkAnswer.is(answer)) return answer;
      if (!RETRYABLE.has(response.status) || attempt >= ATTEMPTS) {
        throw new Error(
          `${base}/v1/commands answered ${response.status}: ${JSON.stringify(answer)}`,
        );
      }
      await sleep(250 * 2 ** attempt);
    }
  };

  for (let offset = 0; offset < lines.length; offset += chunkSize) {
    const chunk = lines.slice(offset, offset + chunkSize);
    if (chunk.every((line) => isBlankLine(line))) continue;
    const request = bodyOf(chunk, offset);
    const body = await post(
      new Uint8Array(request.body),
      `ingest-${digest}-${chunkSize}-${offset}`,
    );
    totals.lines += body.lines;
    totals.accepted += body.accepted;
    totals.duplicates += body.duplicates;
    totals.rejected += body.rejected;
    for (const result of body.results) {
      rejected.push({
        line: offset + result.line - request.shift,
        code: result.code,
        reason: result.reason,
      });
    }
  }
  process.stdout.write(
    `${JSON.stringify({ file, ...totals, rejectedLines: rejected }, null, 1)}\n`,
  );
};
