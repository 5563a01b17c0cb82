'use strict';
/**
 * A projection process for the kill tests: loads the workspace's TypeScript the way jest does
 * (scripts/register-ts.js), then runs ./projection-child-main.ts. argv: <JSON config>.
 */
require('../../../../scripts/register-ts');
require('./projection-child-main');
