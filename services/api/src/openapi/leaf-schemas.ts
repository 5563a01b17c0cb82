import { MAX_PAGE_SIZE } from '@rebate/read-models';
import { DEFAULT_PAGE } from '../queries/query-codecs';
import type { JsonSchema } from './json-schema';

/**
 * JSON Schemas of the hand-written io-ts codecs, by codec name: the domain's input fields
 * (identifiers, instants, decimals with their rules) and the API's query-string codecs.
 */

const DECIMAL = '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$';

const decimalInput = (description: string, example: string): JsonSchema => ({
  description: `${description}. A JSON string (or number, read losslessly).`,
  anyOf: [{ type: 'string', pattern: DECIMAL }, { type: 'number' }],
  examples: [example],
});

const wholeNumber = (description: string, max: number, example: string): JsonSchema => ({
  description: `${description}: a whole number from 0 to ${max}. A JSON number (or string).`,
  anyOf: [
    { type: 'integer', minimum: 0, maximum: max },
    { type: 'string', pattern: DECIMAL },
  ],
  examples: [example],
});

export const leafSchemas: Readonly<Record<string, JsonSchema>> = {
  Identifier: {
    type: 'string',
    minLength: 1,
    maxLength: 128,
    description:
      'An identifier (rules section 14): 1-128 characters, no control character, no lone surrogate, no white space at either end; compared exactly',
  },
  Instant: {
    type: 'string',
    format: 'date-time',
    description: 'ISO-8601 with a zone (Z, ±hh:mm, ±hhmm, ±hh); kept and answered as UTC',
    examples: ['2026-09-01T00:00:00Z'],
  },
  Lots: decimalInput('Lots: greater than 0, at most 2 decimals', '1.5'),
  UsdPerLot: decimalInput('USD per lot: not negative, at most 4 decimals', '15'),
  Percent: decimalInput('Percent: 0 to 100, at most 2 decimals', '20'),
  MinimumUsd: decimalInput('Minimum payout in USD: not negative, at most 2 decimals', '0.01'),
  Days: wholeNumber('Days of the payout hold', 365, '7'),
  MinHoldSeconds: wholeNumber('Seconds a trade must be held to qualify', 604_800, '60'),
  Reason: {
    type: 'string',
    minLength: 1,
    maxLength: 1000,
    description: 'Why the payout failed: 1-1000 characters, no control character',
  },
  PayoutId: {
    type: 'string',
    minLength: 1,
    maxLength: 300,
    description: 'A payout id, <runId>/<clientId> (percent-encode the slash in a path)',
    examples: ['2026-09-10T00:00:00.000Z/C1'],
  },
  DryRunText: { type: 'string', enum: ['true', 'false'], default: 'false' },
  Decimal: { type: 'string', pattern: DECIMAL, description: 'A decimal string' },
  PositionText: {
    type: 'string',
    pattern: '^\\d{1,20}$',
    description: 'A global position, as a command answered it',
  },
  DayText: { type: 'string', format: 'date', description: 'A UTC day, YYYY-MM-DD' },
  LimitText: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE },
  CursorText: { type: 'string', description: 'The nextCursor of the previous page' },
};
