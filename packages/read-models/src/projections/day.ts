import type { Instant } from '@rebate/domain';

/** The UTC calendar day of an instant, 'YYYY-MM-DD' (instants are canonical UTC text). */
export const utcDay = (instant: Instant): string => instant.slice(0, 10);
