// Writes the API's OpenAPI document (built from its io-ts codecs) to src/api/generated, where
// openapi-typescript turns it into the dashboard's types: the API's shapes are written once.
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { buildOpenApiDocument, routeTable } = require('@rebate/api');

const out = join(__dirname, '..', 'src', 'api', 'generated');
mkdirSync(out, { recursive: true });
const document = buildOpenApiDocument(routeTable, { title: 'Rebate Ledger API', version: '0.1.0' });
writeFileSync(join(out, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
