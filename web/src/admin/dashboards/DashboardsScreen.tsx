import { type ReactNode, useEffect } from 'react';
import { get } from '../../api/client';
import { ErrorNote, Loading } from '../../ui/States';
import './dashboards.css';
import {
  type ChartSpec,
  mediaCharts,
  mediaCounters,
  mediaTiles,
  type RelaySnapshot,
  refusalsByReason,
  relayCharts,
  relayCounters,
  relayTiles,
  type TileSpec,
} from './metrics';
import { RateChart } from './RateChart';
import { formatCount, POLL_MS } from './rates';
import { type CounterSeries, useCounterSeries } from './useCounterSeries';

/**
 * Live dashboards of the TURN relay (GET /api/admin/relay/metrics) and the media processor
 * (GET /api/admin/media/metrics): what is open now, and rates over the last five minutes from counts
 * sampled every five seconds while the tab is shown.
 */
export function DashboardsScreen() {
  useEffect(() => {
    document.title = 'Dashboards – Admin – Conclave';
  }, []);
  const relay = useCounterSeries(() => get('/api/admin/relay/metrics'), relayCounters);
  const media = useCounterSeries(() => get('/api/admin/media/metrics'), mediaCounters);

  return (
    <section aria-labelledby="dashboards-title">
      <h2 id="dashboards-title">Dashboards</h2>
      <p className="muted">
        Counts since the server started, read every {POLL_MS / 1000} s while this tab is shown; the charts show the rate between successive
        readings over the last five minutes.
      </p>
      <Panel id="relay" heading="TURN relay" what="the relay's counters" state={relay} tiles={relayTiles} charts={relayCharts}>
        {(snapshot) => <Refusals snapshot={snapshot} />}
      </Panel>
      <Panel id="media" heading="Media processor" what="the media processor's counters" state={media} tiles={mediaTiles} charts={mediaCharts} />
    </section>
  );
}

function Panel<S>({
  id,
  heading,
  what,
  state,
  tiles,
  charts,
  children,
}: {
  id: string;
  heading: string;
  what: string;
  state: CounterSeries<S>;
  tiles: TileSpec<S>[];
  charts: ChartSpec[];
  children?: (snapshot: S) => ReactNode;
}) {
  const { latest, series, error, refused } = state;
  const now = series.last?.at ?? 0;
  return (
    <section aria-labelledby={`${id}-title`} className="dashboard" id={`${id}-dashboard`}>
      <h3 id={`${id}-title`}>{heading}</h3>
      {error && <ErrorNote message={refused || !latest ? error : `${error} Showing the last readings; trying again every ${POLL_MS / 1000} s.`} />}
      {!latest && !error && <Loading what={what} />}
      {latest && (
        <>
          <dl className="tiles">
            {tiles.map((t) => (
              <div className="tile" key={t.id}>
                <dt>{t.label}</dt>
                <dd id={t.id}>{formatCount(t.value(latest))}</dd>
              </div>
            ))}
          </dl>
          {children?.(latest)}
          {series.resetAt !== null && (
            <p className="notice" id={`${id}-reset`}>
              The counts went down at <time dateTime={new Date(series.resetAt).toISOString()}>{new Date(series.resetAt).toLocaleTimeString()}</time>: the
              server started again, so the charts started over.
            </p>
          )}
          <div className="charts">
            {charts.map((c) => (
              <RateChart key={c.counter} id={`${id}-chart-${c.counter}`} title={c.title} unit={c.unit} points={series.points[c.counter] ?? []} now={now} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function Refusals({ snapshot }: { snapshot: RelaySnapshot }) {
  const reasons = refusalsByReason(snapshot);
  return (
    <details className="refusals">
      <summary>Requests refused since start, by reason</summary>
      <div className="table-wrap">
        <table id="relay-refusals-by-reason">
          <caption className="visually-hidden">Requests the relay refused since start, by reason</caption>
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Refused</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map(([reason, n]) => (
              <tr key={reason}>
                <td>{reason}</td>
                <td>{formatCount(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
