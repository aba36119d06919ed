import { describe, expect, it } from 'vitest';
import {
  addSample,
  countsWentDown,
  emptySeries,
  formatCount,
  formatQuantity,
  formatRate,
  niceCeiling,
  rateUnit,
  type RateSeries,
  trimWindow,
  valueTicks,
  WINDOW_MS,
} from './rates';

const sample = (seconds: number, counters: Record<string, number>) => ({ at: 1_000_000 + seconds * 1000, counters });
const feed = (...samples: ReturnType<typeof sample>[]): RateSeries => samples.reduce((series, next) => addSample(series, next), emptySeries);

describe('rates from counter samples', () => {
  it('has no rate from the first sample alone', () => {
    const series = feed(sample(0, { packets: 100 }));
    expect(series.points).toEqual({});
    expect(series.last?.counters.packets).toBe(100);
  });

  it('is the difference over the seconds between two samples', () => {
    const series = feed(sample(0, { packets: 100, bytes: 0 }), sample(5, { packets: 150, bytes: 5000 }), sample(10, { packets: 150, bytes: 6000 }));
    expect(series.points.packets).toEqual([
      { at: 1_005_000, perSecond: 10 },
      { at: 1_010_000, perSecond: 0 },
    ]);
    expect(series.points.bytes?.map((p) => p.perSecond)).toEqual([1000, 200]);
  });

  it('averages over a long gap (a tab hidden for a while) instead of inventing a spike', () => {
    const series = feed(sample(0, { packets: 0 }), sample(60, { packets: 600 }));
    expect(series.points.packets).toEqual([{ at: 1_060_000, perSecond: 10 }]);
  });

  it('starts every series over when a count goes down (the server started again), never a negative rate', () => {
    const before = feed(sample(0, { packets: 100, bytes: 10 }), sample(5, { packets: 200, bytes: 20 }));
    expect(before.points.packets).toHaveLength(1);

    const restarted = addSample(before, sample(10, { packets: 3, bytes: 25 }));
    expect(restarted.points).toEqual({});
    expect(restarted.resetAt).toBe(1_010_000);
    expect(restarted.last?.counters.packets).toBe(3);

    const after = addSample(restarted, sample(15, { packets: 13, bytes: 30 }));
    expect(after.points.packets).toEqual([{ at: 1_015_000, perSecond: 2 }]);
    expect(Object.values(after.points).flat().every((p) => p.perSecond >= 0)).toBe(true);
  });

  it('starts over without calling it a restart when the clock goes back', () => {
    const series = feed(sample(0, { packets: 1 }), sample(5, { packets: 2 }), sample(3, { packets: 3 }));
    expect(series.points).toEqual({});
    expect(series.resetAt).toBeNull();
    expect(addSample(series, sample(8, { packets: 8 })).points.packets).toEqual([{ at: 1_008_000, perSecond: 1 }]);
  });

  it('charts a counter that appears later from its second sample on', () => {
    const series = feed(sample(0, { packets: 1 }), sample(5, { packets: 2, legs: 4 }));
    expect(series.points.legs).toEqual([]);
    expect(addSample(series, sample(10, { packets: 2, legs: 9 })).points.legs).toEqual([{ at: 1_010_000, perSecond: 1 }]);
  });

  it('countsWentDown compares only the counters both samples have', () => {
    expect(countsWentDown(sample(0, { a: 5 }), sample(5, { a: 4 }))).toBe(true);
    expect(countsWentDown(sample(0, { a: 5 }), sample(5, { a: 5, b: 0 }))).toBe(false);
  });
});

describe('the rolling window', () => {
  it('keeps the last five minutes of rates and drops what is older', () => {
    let series: RateSeries = emptySeries;
    for (let s = 0; s <= 600; s += 5) series = addSample(series, sample(s, { packets: s * 2 }));
    const points = series.points.packets ?? [];
    expect(points[0]?.at).toBe(1_000_000 + 300_000);
    expect(points.at(-1)?.at).toBe(1_000_000 + 600_000);
    expect(points).toHaveLength(61);
    expect(points.every((p) => p.perSecond === 2)).toBe(true);
  });

  it('trimWindow keeps points at the edge and after it', () => {
    const points = [0, 1, 2, 3].map((s) => ({ at: s * 1000, perSecond: s }));
    expect(trimWindow(points, 3000, 2000).map((p) => p.at)).toEqual([1000, 2000, 3000]);
    expect(trimWindow(points, 3001 + WINDOW_MS, WINDOW_MS)).toEqual([]);
  });
});

describe('formatting with units', () => {
  it('writes bytes with SI prefixes as rates are quoted', () => {
    expect(formatRate(0, 'bytes')).toBe('0 B/s');
    expect(formatRate(512, 'bytes')).toBe('512 B/s');
    expect(formatRate(1500, 'bytes')).toBe('1.5 kB/s');
    expect(formatRate(2_000_000, 'bytes')).toBe('2 MB/s');
    expect(formatRate(123_456_789, 'bytes')).toBe('123 MB/s');
  });

  it('names what is counted, with the prefix apart from the word', () => {
    expect(formatRate(12.34, 'packets')).toBe('12 packets/s');
    expect(formatRate(3.25, 'packets')).toBe('3.3 packets/s');
    expect(formatRate(0.2, 'allocations')).toBe('0.2 allocations/s');
    expect(formatRate(0.0133, 'failures')).toBe('0.013 failures/s');
    expect(formatQuantity(4500, 'packets')).toBe('4.5 k packets');
    expect(formatQuantity(1, 'legs')).toBe('1 legs');
  });

  it('names the unit of an axis alone', () => {
    expect(rateUnit('bytes')).toBe('B/s');
    expect(rateUnit('refusals')).toBe('refusals/s');
  });

  it('groups the thousands of a count', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('the value axis', () => {
  it('rounds the top up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(Number.NaN)).toBe(1);
    expect(niceCeiling(0.2)).toBeCloseTo(0.2);
    expect(niceCeiling(0.3)).toBeCloseTo(0.5);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(10)).toBe(10);
    expect(niceCeiling(1200)).toBe(2000);
    expect(niceCeiling(4999)).toBe(5000);
  });

  it('has ticks at zero, half and the top above the largest rate', () => {
    expect(valueTicks([])).toEqual([0, 0.5, 1]);
    expect(valueTicks([{ at: 0, perSecond: 3 }, { at: 1, perSecond: 17 }])).toEqual([0, 10, 20]);
  });
});
