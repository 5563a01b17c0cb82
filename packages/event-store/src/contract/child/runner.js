'use strict';
/**
 * A contract-test child process: opens the store under test in its own process and runs the
 * parent's requests (see ../child-store.ts for the protocol). Plain CommonJS so node runs it
 * without a build; argv: <module path> <export name> <JSON config>.
 */
require('../../../../../scripts/register-ts');

const [modulePath, exportName, configJson] = process.argv.slice(2);

async function main() {
  const open = require(modulePath)[exportName];
  if (typeof open !== 'function') throw new Error(`${modulePath} has no export ${exportName}`);
  const store = await open(JSON.parse(configJson));
  process.on('message', (request) => void handle(store, request));
  process.send({ kind: 'ready' });
}

async function handle(store, request) {
  switch (request.op) {
    case 'append':
      return reply(request.id, () =>
        store.append(request.streamId, request.events, request.expected),
      );
    case 'appendMany':
      return reply(request.id, () => store.appendMany(request.appends));
    case 'appendSequence':
      return reply(request.id, () => appendSequence(store, request.calls));
    case 'close':
      await reply(request.id, () => store.close());
      return process.disconnect();
    default:
      return reply(request.id, () => Promise.reject(new Error(`unknown op ${request.op}`)));
  }
}

async function appendSequence(store, calls) {
  for (let index = 0; index < calls.length; index += 1) {
    await store.appendMany(calls[index]);
    process.send({ kind: 'progress', done: index + 1 });
  }
  return calls.length;
}

async function reply(id, work) {
  try {
    process.send({ kind: 'reply', id, ok: true, value: await work() });
  } catch (error) {
    const { name, message, actual } = error;
    process.send({ kind: 'reply', id, ok: false, error: { name, message, actual } });
  }
}

main().catch((error) => {
  process.send({ kind: 'fatal', message: String(error && error.stack ? error.stack : error) });
  process.exitCode = 1;
  process.disconnect();
});
