// Rates from counters: the relay and the media processor answer counts since they started, so a rate is
// the difference of two successive samples over the time between them. A count lower than the one before
// means the server started again (its counters began from zero): the series start over rather than show a
// negative rate. Pure, so the charts' numbers are tested without a browser.

/** How often the dashboards ask the server, ms. */
export const POLL_MS = 5_000;

/** How much history a chart shows, ms: the last five minutes. */
export const WINDOW_MS = 5 * 60_000;

/** Counts since the server started, by name, read at `at` (ms since the epoch). */
export interface CounterSample {
  at: number;
  counters: Readonly<Record<string, number>>;
}

/** One rate: the change per second over the interval that ended at `at`. */
export interface RatePoint {
  at: number;
  perSecond: number;
}

export interface RateSeries {
  /** The sample the next rate is measured from; null before the first. */
  last: CounterSample | null;
  /** Rates by counter name, oldest first, none older than the window. */
  points: Readonly<Record<string, readonly RatePoint[]>>;
  /** When a count went down (the server started again) and the series started over; null if never. */
  resetAt: number | null;
}

export const emptySeries: RateSeries = { last: null, points: {}, resetAt: null };

/** `points` without those older than `windowMs` before `now`. */
export function trimWindow(points: readonly RatePoint[], now: number, windowMs: number): RatePoint[] {
  const cutoff = now - windowMs;
  return points.filter((p) => p.at >= cutoff);
}

/** True when any count in `next` is lower than the same count in `previous`: the server started again. */
export function countsWentDown(previous: CounterSample, next: CounterSample): boolean {
  return Object.entries(next.counters).some(([name, value]) => {
    const before = previous.counters[name];
    return before !== undefined && value < before;
  });
}

/**
 * The series with `sample` added: one rate per counter known in both samples, the window trimmed. A count
 * that went down starts every series over from this sample (all counters restart together when the server
 * does); so does a sample not later than the last (the clock went back), without calling it a restart.
 */
export function addSample(series: RateSeries, sample: CounterSample, windowMs: number = WINDOW_MS): RateSeries {
  const last = series.last;
  if (last === null) return { ...series, last: sample };
  if (countsWentDown(last, sample)) return { last: sample, points: {}, resetAt: sample.at };
  if (sample.at <= last.at) return { ...series, last: sample, points: {} };

  const seconds = (sample.at - last.at) / 1000;
  const points: Record<string, RatePoint[]> = {};
  for (const [name, value] of Object.entries(sample.counters)) {
    const before = last.counters[name];
    const kept = trimWindow(series.points[name] ?? [], sample.at, windowMs);
    if (before !== undefined) kept.push({ at: sample.at, perSecond: (value - before) / seconds });
    points[name] = kept;
  }

  return { ...series, last: sample, points };
}

/** What a chart counts, as its axis and its summary name it. */
export type Unit = 'bytes' | 'packets' | 'allocations' | 'refusals' | 'failures' | 'legs';

const unitWords: Record<Unit, string> = {
  bytes: 'B',
  packets: 'packets',
  allocations: 'allocations',
  refusals: 'refusals',
  failures: 'failures',
  legs: 'legs',
};

/** SI prefixes (powers of 1000, as network rates are quoted: 1 kB/s is 1000 bytes a second). */
const prefixes = ['', 'k', 'M', 'G', 'T'];

/** A number shortened for a person: two significant digits below 1, one decimal below 10, whole above. */
function shortNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text = magnitude < 1 ? value.toPrecision(2) : magnitude < 10 ? value.toFixed(1) : Math.round(value).toString();
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** `value` scaled by an SI prefix so that at most three digits come before the point: 1500 → 1.5 k. */
export function scaled(value: number): { number: string; prefix: string } {
  let index = 0;
  let v = value;
  while (Math.abs(v) >= 1000 && index < prefixes.length - 1) {
    v /= 1000;
    index++;
  }

  return { number: shortNumber(v), prefix: prefixes[index] ?? '' };
}

/** A quantity with its unit: "1.5 kB", "12 packets", "3 k packets". */
export function formatQuantity(value: number, unit: Unit): string {
  const { number, prefix } = scaled(value);
  const word = unitWords[unit];
  if (unit === 'bytes') return `${number} ${prefix}${word}`;
  return prefix ? `${number} ${prefix} ${word}` : `${number} ${word}`;
}

/** A rate with its unit: "1.5 kB/s", "0.2 allocations/s". */
export const formatRate = (perSecond: number, unit: Unit): string => `${formatQuantity(perSecond, unit)}/s`;

/** The unit of a rate alone, for an axis: "B/s", "packets/s". */
export const rateUnit = (unit: Unit): string => `${unitWords[unit]}/s`;

const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count as a whole number with thousands grouped: 12,345. */
export const formatCount = (count: number): string => countFormat.format(count);

/** The smallest 1, 2 or 5 times a power of ten at or above `max` (1 when there is nothing to show). */
export function niceCeiling(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    // The tolerance keeps 0.3 from becoming 0.5 through 0.30000000000000004.
    if (step * power >= max * (1 - 1e-9)) return step * power;
  }

  return 10 * power;
}

/** The value axis of a chart of `points`: ticks at zero, half and the top (a nice number above the largest). */
export function valueTicks(points: readonly RatePoint[]): number[] {
  const top = niceCeiling(Math.max(0, ...points.map((p) => p.perSecond)));
  return [0, top / 2, top];
}
