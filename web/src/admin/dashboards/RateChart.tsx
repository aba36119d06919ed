// A line chart of one rate over the rolling window, drawn as inline SVG (no chart library: the bundle stays
// small, and the Content-Security-Policy allows inline SVG but no inline script). Colours are classes on the
// theme's custom properties (dashboards.css): a style attribute would be refused by `style-src 'self'`.
// A screen reader gets the latest value as the image's name and the recent samples as a table.
import { formatRate, type RatePoint, rateUnit, scaled, type Unit, valueTicks, WINDOW_MS } from './rates';

// The drawing's own units; it scales to the width of its box, so the text is sized for the usual one
// (about 300 to 450 px wide).
const WIDTH = 480;
const HEIGHT = 200;
const LEFT = 56;
const RIGHT = 12;
const TOP = 26;
const BOTTOM = 42;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;

/** How many of the latest samples the screen-reader table lists (one minute at the polling interval). */
const TABLE_ROWS = 12;

const timeTicks = [
  { fraction: 0, label: '5 min ago' },
  { fraction: 0.5, label: '2.5 min ago' },
  { fraction: 1, label: 'now' },
];

export function RateChart({ id, title, unit, points, now }: { id: string; title: string; unit: Unit; points: readonly RatePoint[]; now: number }) {
  const latest = points.at(-1);
  const summary = latest ? `${title}: ${formatRate(latest.perSecond, unit)} now` : `${title}: no rate yet (it needs two samples)`;
  const ticks = valueTicks(points);
  const top = ticks.at(-1) ?? 1;
  const x = (at: number) => LEFT + ((at - (now - WINDOW_MS)) / WINDOW_MS) * PLOT_W;
  const y = (value: number) => TOP + PLOT_H - (value / top) * PLOT_H;
  const line = points.map((p) => `${x(p.at).toFixed(1)},${y(p.perSecond).toFixed(1)}`).join(' ');
  const recent = points.slice(-TABLE_ROWS).reverse();

  return (
    <figure className="chart" id={id}>
      <figcaption>
        <span className="chart-title">{title}</span> <span className="chart-latest">{latest ? formatRate(latest.perSecond, unit) : '—'}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
        <title>{summary}</title>
        <text className="chart-axis-title" x={4} y={15}>
          {rateUnit(unit)}
        </text>
        {ticks.map((t) => {
          const { number, prefix } = scaled(t);
          return (
            <g key={t}>
              <line className="chart-grid" x1={LEFT} x2={WIDTH - RIGHT} y1={y(t)} y2={y(t)} />
              <text className="chart-tick" x={LEFT - 6} y={y(t) + 5} textAnchor="end">
                {prefix ? `${number} ${prefix}` : number}
              </text>
            </g>
          );
        })}
        {timeTicks.map((t) => (
          <text
            key={t.label}
            className="chart-tick"
            x={LEFT + t.fraction * PLOT_W}
            y={HEIGHT - 22}
            textAnchor={t.fraction === 0 ? 'start' : t.fraction === 1 ? 'end' : 'middle'}
          >
            {t.label}
          </text>
        ))}
        <text className="chart-axis-title" x={LEFT + PLOT_W / 2} y={HEIGHT - 2} textAnchor="middle">
          time
        </text>
        <line className="chart-axis" x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + PLOT_H} />
        <line className="chart-axis" x1={LEFT} x2={WIDTH - RIGHT} y1={TOP + PLOT_H} y2={TOP + PLOT_H} />
        {points.length > 1 && <polyline className="chart-line" points={line} />}
        {latest && <circle className="chart-dot" cx={x(latest.at)} cy={y(latest.perSecond)} r={3.5} />}
        {!latest && (
          <text className="chart-tick" x={LEFT + PLOT_W / 2} y={TOP + PLOT_H / 2} textAnchor="middle">
            Waiting for a second sample…
          </text>
        )}
      </svg>
      {/* The wrapper hides it: a table is never narrower than its content, whatever its own width says. */}
      <div className="visually-hidden">
        <table>
          <caption>{title}, the latest samples, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Rate ({rateUnit(unit)})</th>
            </tr>
          </thead>
          <tbody>
            {recent.length === 0 ? (
              <tr>
                <td colSpan={2}>No rate yet.</td>
              </tr>
            ) : (
              recent.map((p) => (
                <tr key={p.at}>
                  <td>
                    <time dateTime={new Date(p.at).toISOString()}>{new Date(p.at).toLocaleTimeString()}</time>
                  </td>
                  <td>{formatRate(p.perSecond, unit)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
