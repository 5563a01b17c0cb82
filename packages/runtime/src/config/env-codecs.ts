import * as t from 'io-ts';

/**
 * io-ts codecs from environment-variable text to typed settings. Each codec's name says what
 * is expected, so a refused value gives a message a person can act on.
 */

export type EnvCodec<A> = t.Type<A, string, unknown>;

const fromText = <A>(
  name: string,
  parse: (text: string) => A | undefined,
  format: (value: A) => string = String,
): EnvCodec<A> =>
  new t.Type<A, string, unknown>(
    name,
    (u): u is A => typeof u !== 'string' && u !== undefined,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, name);
      const parsed = parse(u.trim());
      return parsed === undefined ? t.failure(u, c, name) : t.success(parsed);
    },
    format,
  );

export const text: EnvCodec<string> = fromText('a non-empty text', (s) =>
  s === '' ? undefined : s,
);

export const integer = (min: number, max: number): EnvCodec<number> =>
  fromText(`an integer from ${min} to ${max}`, (s) => {
    if (!/^-?\d+$/.test(s)) return undefined;
    const n = Number(s);
    return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
  });

export const port: EnvCodec<number> = integer(0, 65535);

export const boolean: EnvCodec<boolean> = fromText('true or false', (s) => {
  const lower = s.toLowerCase();
  if (['true', '1', 'yes'].includes(lower)) return true;
  if (['false', '0', 'no'].includes(lower)) return false;
  return undefined;
});

export const oneOf = <const V extends string>(values: readonly V[]): EnvCodec<V> =>
  fromText(`one of ${values.join(', ')}`, (s) => values.find((v) => v === s));

/** `host:port[,host:port...]`, e.g. KAFKA_BROKERS. */
export const hostPortList: EnvCodec<string[]> = fromText(
  'a comma-separated list of host:port',
  (s) => {
    const items = s.split(',').map((item) => item.trim());
    return items.every((item) => /^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(item)) ? items : undefined;
  },
  (list) => list.join(','),
);

/** A Kafka topic or group name: letters, digits, `.`, `_`, `-`. */
export const kafkaName: EnvCodec<string> = fromText(
  'a name of letters, digits, ".", "_" or "-" (at most 249)',
  (s) => (/^[A-Za-z0-9._-]{1,249}$/.test(s) ? s : undefined),
);

export const logLevel = oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
