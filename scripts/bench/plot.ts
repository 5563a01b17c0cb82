/**
 * The end-to-end timeline as a small hand-written SVG: events projected per second (left axis)
 * and the p99 probe latency of each second (right axis). Plain text, no dependency.
 */
import type { TimelinePoint } from './pipeline';

export const timelineSvg = (points: readonly TimelinePoint[], title: string): string => {
  const width = 760;
  const height = 320;
  const left = 60;
  const right = 60;
  const top = 40;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const maxRate = Math.max(1, ...points.map((p) => p.projectedEvents));
  const maxLatency = Math.max(1, ...points.map((p) => p.p99Ms ?? 0));
  const x = (i: number) => left + (points.length <= 1 ? 0 : (i / (points.length - 1)) * plotW);
  const yRate = (v: number) => top + plotH - (v / maxRate) * plotH;
  const yLatency = (v: number) => top + plotH - (v / maxLatency) * plotH;
  const path = (values: (number | undefined)[], y: (v: number) => number) =>
    values
      .map((v, i) => (v === undefined ? '' : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
      .filter(Boolean)
      .join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const grid = ticks
    .map((f) => {
      const y = top + plotH - f * plotH;
      return [
        `<line x1="${left}" y1="${y}" x2="${left + plotW}" y2="${y}" stroke="#ddd"/>`,
        `<text x="${left - 6}" y="${y + 4}" text-anchor="end" fill="#1f77b4">${Math.round(f * maxRate)}</text>`,
        `<text x="${left + plotW + 6}" y="${y + 4}" fill="#d62728">${Math.round(f * maxLatency)}</text>`,
      ].join('');
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="20" text-anchor="middle" font-size="13">${title}</text>
${grid}
<polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="${path(
    points.map((p) => p.projectedEvents),
    yRate,
  )}"/>
<polyline fill="none" stroke="#d62728" stroke-width="1.5" points="${path(
    points.map((p) => p.p99Ms),
    yLatency,
  )}"/>
<text x="${left}" y="${height - 10}" fill="#1f77b4">events projected per second (left)</text>
<text x="${left + plotW}" y="${height - 10}" text-anchor="end" fill="#d62728">p99 publish-to-API latency of the second, ms (right)</text>
<text x="${left + plotW / 2}" y="${height - 24}" text-anchor="middle">seconds into the fixed-load phase (0-${points.length})</text>
</svg>
`;
};
