import { type Hash, createHash } from 'node:crypto';

/** Tag of the seal encoding. */
export const SEAL_ENCODING = 'rebate-seal-v1';

/**
 * A seal's digest, fed one event at a time: SHA-256 (hex) of the UTF-8 text
 * `rebate-seal-v1\n<previous seal hash>\n<upTo>\n` followed by `<chain hash>\n` of every covered
 * event in global order. Incremental, so sealing or verifying a million events holds one hash
 * state, not the events.
 */
export class SealDigest {
  private readonly hash: Hash;
  private count = 0;

  constructor(previous: string, upTo: bigint) {
    this.hash = createHash('sha256').update(`${SEAL_ENCODING}\n${previous}\n${upTo.toString()}\n`);
  }

  add(chainHash: string): void {
    this.hash.update(`${chainHash}\n`);
    this.count += 1;
  }

  get events(): number {
    return this.count;
  }

  /** The digest; the object must not be used afterwards. */
  finish(): string {
    return this.hash.digest('hex');
  }
}
