import {
  ConfigError,
  boolean,
  describeStore,
  hostPortList,
  integer,
  readEnv,
  setting,
  storeConfigFromEnv,
} from '../src';

describe('readEnv', () => {
  const spec = {
    PORT: setting(integer(1, 10), 5),
    FLAG: setting(boolean, false),
    BROKERS: setting(hostPortList),
  };

  test('defaults for unset or blank variables, typed values for set ones', () => {
    expect(readEnv(spec, { FLAG: ' ' })).toEqual({ PORT: 5, FLAG: false, BROKERS: undefined });
    expect(readEnv(spec, { PORT: '7', FLAG: 'yes', BROKERS: 'a:1, b:2' })).toEqual({
      PORT: 7,
      FLAG: true,
      BROKERS: ['a:1', 'b:2'],
    });
  });

  test('every bad variable is named, with what it must be and what it was', () => {
    const read = () => readEnv(spec, { PORT: '11', FLAG: 'maybe', BROKERS: 'nohost' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      'invalid configuration: PORT must be an integer from 1 to 10 (got "11"); ' +
        'FLAG must be true or false (got "maybe"); ' +
        'BROKERS must be a comma-separated list of host:port (got "nohost")',
    );
  });
});

describe('storeConfigFromEnv', () => {
  test('SQLite in DATA_DIR by default', () => {
    const config = storeConfigFromEnv({});
    expect(config.kind).toBe('sqlite');
    expect(config.kind === 'sqlite' && config.path).toMatch(/data\/events\.sqlite$/);
  });

  test('postgres needs DATABASE_URL, and the message says so', () => {
    expect(() => storeConfigFromEnv({ EVENT_STORE: 'postgres' })).toThrow(
      'DATABASE_URL must be set when EVENT_STORE=postgres',
    );
    const config = storeConfigFromEnv({
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://u:secret@h:5432/db',
      DATABASE_SCHEMA: 'ledger',
    });
    expect(config).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://u:secret@h:5432/db',
      schema: 'ledger',
      poolSize: undefined,
    });
    expect(describeStore(config)).toBe('postgres postgres://u:***@h:5432/db schema ledger');
  });

  test('esdb needs ESDB_CONNECTION_STRING; an unknown store is refused by name', () => {
    expect(() => storeConfigFromEnv({ EVENT_STORE: 'esdb' })).toThrow(/ESDB_CONNECTION_STRING/);
    expect(() => storeConfigFromEnv({ EVENT_STORE: 'mysql' })).toThrow(
      'EVENT_STORE must be one of sqlite, postgres, esdb (got "mysql")',
    );
  });
});
