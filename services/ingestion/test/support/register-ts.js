'use strict';
/**
 * Lets a test's child process run the ingestion service from its TypeScript sources, the way
 * jest runs them: the same swc transform and the same `@rebate/*` -> `packages/*\/src` mapping
 * as jest.config.js. So the child never runs a stale `dist` and needs no build step.
 * Test infrastructure only: `node -r ./register-ts.js services/ingestion/src/main.ts`.
 */
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const packagesDir = path.resolve(__dirname, '../../../../packages');

/** `@rebate/x` -> packages/x/src/index.ts (only for workspace packages that exist). */
function workspaceSource(request) {
  const match = /^@rebate\/([a-z0-9-]+)$/.exec(request);
  if (match === null) return undefined;
  const file = path.join(packagesDir, match[1], 'src', 'index.ts');
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
