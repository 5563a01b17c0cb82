import {
  ConfigError,
  configOrExit,
  describeStore,
  openEventStore,
  readEnv,
  setting,
  storeConfigFromEnv,
  storeEnv,
  text,
} from '@rebate/runtime';
import {
  PROJECTIONS,
  PROJECTION_NAMES,
  type ProjectionName,
  isProjectionName,
  openReadModelStorage,
  readModelsConfigFor,
  rebuildBeside,
} from '@rebate/read-models';

/**
 * `rebate projections rebuild [NAME]`: rebuilds one projection (or all) from the first event
 * beside its live tables, then swaps the new tables in (`rebuildBeside`): the API keeps
 * running and answering from the old tables meanwhile. Configured like the services:
 * EVENT_STORE=sqlite|postgres, DATA_DIR (default ./data; the read models are
 * data/readmodels.sqlite) or DATABASE_URL (read models in
 * schema READ_MODELS_SCHEMA, default read_models). Waits while another rebuild of the same
 * projection runs.
 */

const PROGRAM = 'rebate projections rebuild';

const rebuildEnv = { ...storeEnv, READ_MODELS_SCHEMA: setting(text) };

const configFromEnv = (env: NodeJS.ProcessEnv) => {
  const values = readEnv(rebuildEnv, env);
  const store = storeConfigFromEnv(env);
  try {
    const readModels = readModelsConfigFor({
      eventStore: values.EVENT_STORE,
      dataDir: values.DATA_DIR,
      databaseUrl: values.DATABASE_URL,
      schema: values.READ_MODELS_SCHEMA,
    });
    return { store, readModels };
  } catch (error) {
    throw new ConfigError([error instanceof Error ? error.message : String(error)]);
  }
};

const chosen = (name: string | undefined): readonly ProjectionName[] => {
  if (name === undefined) return PROJECTION_NAMES;
  if (isProjectionName(name)) return [name];
  throw new Error(`unknown projection ${name}: one of ${PROJECTION_NAMES.join(', ')}`);
};

export const rebuildProjections = async (name: string | undefined): Promise<void> => {
  const names = chosen(name);
  const config = configOrExit(() => configFromEnv(process.env), PROGRAM);
  const store = await openEventStore(config.store);
  try {
    const storage = await openReadModelStorage(config.readModels);
    try {
      process.stderr.write(`${PROGRAM}: events from ${describeStore(config.store)}\n`);
      for (const projection of names) {
        const started = Date.now();
        const result = await rebuildBeside({
          store,
          storage,
          projection: PROJECTIONS[projection],
        });
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(
          `rebuilt ${projection} up to position ${result.checkpoint ?? 'none (no events)'} in ${seconds} s\n`,
        );
      }
    } finally {
      await storage.close();
    }
  } finally {
    await store.close();
  }
};
