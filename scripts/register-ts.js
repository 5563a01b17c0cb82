'use strict';
/**
 * Lets a child process load the workspace's TypeScript sources directly, the way jest does: the
 * same swc transform and the same `@rebate/*` -> `packages/*\/src` mapping as jest.config.js.
 * Children therefore never run a stale `dist` and need no build step. Used by the event-store
 * contract children, the read-model kill test and the ingestion service tests and bench:
 * `node -r ./scripts/register-ts.js services/ingestion/src/main.ts`.
 * Test infrastructure only: nothing in production loads this file.
 */
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const packagesDir = path.resolve(__dirname, '../packages');

/** `@rebate/x` -> packages/x/src/index.ts; `@rebate/x/contract` -> its folder (if they exist). */
function workspaceSource(request) {
  const match = /^@rebate\/([a-z0-9-]+)(\/contract)?$/.exec(request);
  if (match === null) return undefined;
  const [, name, contract] = match;
  const file = path.join(packagesDir, name, 'src', contract ? 'contract' : '', 'index.ts');
  return fs.existsSync(file) ? file : undefined;
}

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, workspaceSource(request) ?? request, ...rest);
};

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
