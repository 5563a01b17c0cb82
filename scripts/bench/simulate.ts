/**
 * Embedded: the built `rebate simulate` on a generated scenario file, as a user runs it. Lines per
 * second from spawn to exit (start-up included), and the child's peak RSS (VmHWM from /proc).
 */
import { closeSync, createWriteStream, openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ServiceChild, progress, progressDone } from './processes';
import { generateScenario, scenarioLines } from './scenario';

export interface SimulateFigures {
  lines: number;
  seconds: number;
  linesPerSecond: number;
  peakRssMb: number;
  payouts: number;
  rejected: number;
  duplicates: number;
}

const writeLines = (file: string, lines: readonly string[]): Promise<void> =>
  new Promise((done, fail) => {
    const out = createWriteStream(file);
    out.on('error', fail);
    out.on('finish', () => done());
    let i = 0;
    const more = () => {
      while (i < lines.length) {
        const ok = out.write(`${lines[i]}\n`);
        i += 1;
        if (!ok) return void out.once('drain', more);
      }
      out.end();
    };
    more();
  });

/** The scenario's trade count for about `lines` lines (setup + 1.5% duplicates and voids). */
export const benchSimulate = async (
  seed: number,
  targetLines: number,
): Promise<SimulateFigures> => {
  const dir = await mkdtemp(join(tmpdir(), 'rebate-bench-sim-'));
  try {
    const clients = Math.min(20_000, Math.max(2_000, Math.round(targetLines / 50)));
    let lines = scenarioLines(
      generateScenario(seed, {
        trades: Math.round((targetLines - clients - 700) / 1.016),
        clients,
      }),
    );
    const file = join(dir, 'scenario.ndjson');
    await writeLines(file, lines);
    const count = lines.length;
    lines = [];
    const reportFile = join(dir, 'report.json');
    const started = process.hrtime.bigint();
    const out = openSync(reportFile, 'w');
    const child = new ServiceChild(
      'simulate',
      [CLI, 'simulate', file],
      {},
      { sampleEveryMs: 200, stdoutFd: out },
    );
    const ticker = setInterval(() => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      progress(`simulate: ${count.toLocaleString()} lines, ${seconds.toFixed(0)} s`);
    }, 1000);
    const exit = await child.exited;
    closeSync(out);
    const rss = child.rssFigures();
    clearInterval(ticker);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (exit.code !== 0)
      throw new Error(`rebate simulate failed (${JSON.stringify(exit)}):\n${child.tail()}`);
    progressDone(`simulate: ${count.toLocaleString()} lines in ${seconds.toFixed(1)} s`);
    const report = JSON.parse(await readFile(reportFile, 'utf8'));
    return {
      lines: count,
      seconds,
      linesPerSecond: Math.round(count / seconds),
      peakRssMb: rss.peakMb,
      payouts: report.payouts.length,
      rejected: report.rejected.length,
      duplicates: report.duplicates,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
