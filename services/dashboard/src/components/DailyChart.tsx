import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  readonly label: string;
  readonly color: string;
  /** Exact decimal strings, one per day. */
  readonly values: readonly string[];
}

interface Props {
  readonly title: string;
  /** UTC days, YYYY-MM-DD. */
  readonly days: readonly string[];
  readonly series: readonly Series[];
}

/**
 * A chart of figures per day. Plotting needs numbers, so the exact strings are converted for
 * the drawing only; every figure a reader can copy (the table beside it) stays exact.
 */
export const DailyChart = ({ title, days, series }: Props) => {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (element === null) return undefined;
    const xs = days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
    const data: uPlot.AlignedData = [xs, ...series.map((s) => s.values.map((v) => Number(v)))];
    const width = () => Math.max(280, element.clientWidth);
    const plot = new uPlot(
      {
        width: width(),
        height: 240,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        series: [
          { label: 'Day (UTC)' },
          ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2 })),
        ],
        axes: [{}, { label: 'USD' }],
      },
      data,
      element,
    );
    const resize = () => plot.setSize({ width: width(), height: 240 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [days, series]);
  return <div ref={host} className="chart" role="img" aria-label={title} />;
};
