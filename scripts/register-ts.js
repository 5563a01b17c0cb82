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
const servicesDir = path.resolve(__dirname, '../services');

/** `@rebate/x` -> packages/x/src/index.ts; `@rebate/x/contract` -> its folder (if they exist). */
function workspaceSource(request) {
  const match = /^@rebate\/([a-z0-9-]+)(\/contract)?$/.exec(request);
  if (match === null) return undefined;
  const [, name, contract] = match;
  const file = path.join(packagesDir, name, 'src', contract ? 'contract' : '', 'index.ts');
  if (fs.existsSync(file)) return file;
  // `@rebate/api` lives in services/ (the `rebate serve` child of the API crash tests).
  const service = path.join(servicesDir, name, 'src', 'index.ts');
  return fs.existsSync(service) ? service : undefined;
}

const resolveFilename = Module._resolveFilename;
/** `./x.js` written for the compiled output (the CLI's lazy imports) -> `./x.ts` beside it. */
function sourceOfCompiled(request, parent) {
  if (!request.startsWith('.') || !request.endsWith('.js') || !parent?.filename) return undefined;
  const file = path.resolve(path.dirname(parent.filename), request.replace(/\.js$/, '.ts'));
  return fs.existsSync(file) ? file : undefined;
}

Module._resolveFilename = function (request, parent, ...rest) {
  const target = workspaceSource(request) ?? sourceOfCompiled(request, parent) ?? request;
  return resolveFilename.call(this, target, parent, ...rest);
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
