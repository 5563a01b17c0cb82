'use strict';
/**
 * A projection process for the kill tests: loads the workspace's TypeScript the way jest does
 * (the event-store contract's loader), then runs ./projection-child-main.ts. argv: <JSON config>.
 */
require('../../../event-store/src/contract/child/register-ts');
require('./projection-child-main');
