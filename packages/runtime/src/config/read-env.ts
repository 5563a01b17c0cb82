import { isLeft } from 'fp-ts/Either';
import type * as t from 'io-ts';

/** One setting: its codec (a decoder is enough, and keeps `EnvSetting` covariant) and default. */
export interface EnvSetting<A> {
  readonly codec: t.Decoder<unknown, A>;
  readonly default?: A;
}

export function setting<A>(codec: t.Decoder<unknown, A>): EnvSetting<A>;
export function setting<A>(
  codec: t.Decoder<unknown, A>,
  defaultValue: A,
): EnvSetting<A> & { readonly default: A };
export function setting<A>(codec: t.Decoder<unknown, A>, defaultValue?: A): EnvSetting<A> {
  return defaultValue === undefined ? { codec } : { codec, default: defaultValue };
}

export type EnvSpec = Readonly<Record<string, EnvSetting<unknown>>>;

/** Settings with a default are always there; the others may be undefined. */
export type EnvValues<S extends EnvSpec> = {
  readonly [K in keyof S]: S[K] extends EnvSetting<infer A>
    ? S[K] extends { readonly default: unknown }
      ? A
      : A | undefined
    : never;
};

export type Env = Readonly<Record<string, string | undefined>>;

/** A refused configuration; every message names its variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

/**
 * Reads the variables named by `spec` from `env` (unset or blank = default). Collects every
 * problem before throwing, so one run shows them all.
 */
export const readEnv = <S extends EnvSpec>(spec: S, env: Env): EnvValues<S> => {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, { codec, default: fallback }] of Object.entries(spec)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') {
      values[name] = fallback;
      continue;
    }
    const decoded = codec.decode(raw);
    if (isLeft(decoded))
      problems.push(`${name} must be ${codec.name} (got ${JSON.stringify(raw)})`);
    else values[name] = decoded.right;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as EnvValues<S>;
};

/** Fails with a message naming `name` when a setting another one requires is missing. */
export const required = <A>(value: A | undefined, name: string, why: string): A => {
  if (value === undefined) throw new ConfigError([`${name} must be set ${why}`]);
  return value;
};
