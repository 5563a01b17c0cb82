import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The relay's own checkpoint: the global position of the last event whose message the broker
 * acknowledged (and the relay read back). A small file, replaced atomically (write, fsync,
 * rename), so a crash leaves the old or the new value, never half of one.
 */
export class FileCheckpoint {
  constructor(private readonly path: string) {}

  async load(): Promise<bigint | undefined> {
    try {
      const text = (await readFile(this.path, 'utf8')).trim();
      if (!/^\d+$/.test(text)) throw new Error(`checkpoint file ${this.path} holds "${text}"`);
      return BigInt(text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async save(position: bigint): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    await writeFile(temporary, `${position}\n`, { flush: true, mode: 0o600 });
    await rename(temporary, this.path);
  }
}
