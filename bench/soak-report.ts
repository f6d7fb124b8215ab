// The soak's arithmetic and verdict (soak.ts): a least-squares line through the post-warm-up
// samples, the goals judged from it, and the table.
import type { FanoutCell } from './fanout';
import type { Percentiles } from './run-support';

/** one reading: the dashboard's RSS, its JS heap (used, and committed by V8) and memory outside it
 *  (buffers), its handles (not timers) and timers; the simulator's pods */
export type Sample = {
  tS: number; rssMB: number; heapUsedMB: number; heapTotalMB: number; externalMB: number;
  handles: number; timers: number; pods: number; resources: Record<string, number>;
};

/** A series after warm-up: where it started and ended (medians of its first and last fifth, at
 *  least a minute each: RSS climbs by a third between major GCs every minute or two under churn, so
 *  no single sample, nor one minute, is "the" RSS), its range, and its trend — a
 *  least-squares line through every sample, and one through each minute's lowest sample (the
 *  floor). Timers and sockets that come and go (a viewer's pending patch, a request in flight)
 *  only lift single samples; a leaked one lifts the floor for good, so "flat" is judged there. */
export type Fit = {
  start: number; end: number; min: number; max: number; growthPct: number;
  slopePerH: number; floorSlopePerH: number;
  /** what the floor's line adds over the judged window */
  floorRise: number;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const MIN_EDGE = 6; // samples: one minute at one every 10 s
const round = (x: number) => Math.round(x * 100) / 100;

/** The least-squares slope of ys over xs. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

export function fit(samples: readonly Sample[], f: (s: Sample) => number): Fit {
  const hours = samples.map((s) => s.tS / 3600);
  const ys = samples.map(f);
  const floors = new Map<number, { h: number; y: number }>();
  samples.forEach((s, i) => {
    const minute = Math.floor((s.tS - (samples[0]?.tS ?? 0)) / 60);
    const at = floors.get(minute);
    if (!at || ys[i]! < at.y) floors.set(minute, { h: minute / 60, y: ys[i]! });
  });
  const floor = [...floors.values()];
  const floorSlopePerH = slope(floor.map((p) => p.h), floor.map((p) => p.y));
  const edge = Math.max(MIN_EDGE, Math.floor(ys.length / 5));
  const [start, end] = [median(ys.slice(0, edge)), median(ys.slice(-edge))];
  return {
    start: round(start), end: round(end), min: round(Math.min(...ys)), max: round(Math.max(...ys)), growthPct: round(((end - start) / start) * 100),
    slopePerH: round(slope(hours, ys)), floorSlopePerH: round(floorSlopePerH),
    floorRise: round(floorSlopePerH * ((floor.at(-1)?.h ?? 0) - (floor[0]?.h ?? 0))),
  };
}

export type SoakResult = {
  pods: number; nodes: number; minutes: number; warmupS: number; viewers: number; churnPerS: number; simWritesPerS: number;
  clusterPods: Fit; rss: Fit; heapUsed: Fit; heapTotal: Fit; external: Fit; handles: Fit; timers: Fit;
  rows: number; lost: FanoutCell['lost']; rejections: string[]; exited: number | string | null;
  latencyMs: Percentiles & { samples: number };
};
export type Goal = { goal: string; ok: boolean };

const RSS_GROWTH_PCT = 10;
/** "Flat": the floor's line rises by less than this over the judged window; a handle or timer
 *  left behind every ten minutes reaches it within the half hour. */
const FLAT_RISE = 2;

export function judge(r: SoakResult): Goal[] {
  return [
    { goal: `RSS growth after warm-up ≤ ${RSS_GROWTH_PCT}%`, ok: r.rss.growthPct <= RSS_GROWTH_PCT },
    { goal: `handles flat (floor's fitted rise < ${FLAT_RISE})`, ok: r.handles.floorRise < FLAT_RISE },
    { goal: `timers flat (floor's fitted rise < ${FLAT_RISE})`, ok: r.timers.floorRise < FLAT_RISE },
    { goal: 'every viewer equal to a fresh query (by uid and version)', ok: r.lost.viewers === 0 },
    { goal: 'no unhandled rejection in the dashboard output', ok: r.rejections.length === 0 },
    { goal: 'the dashboard ran to the end', ok: r.exited === null },
  ];
}

export function soakTable(r: SoakResult, goals: Goal[]): string {
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${x}`;
  const trend = (f: Fit) => `${f.min}–${f.max} (after warm-up ${f.start}, end ${f.end}); slope ${signed(f.slopePerH)}/h; floor slope ${signed(f.floorSlopePerH)}/h, rise ${signed(f.floorRise)}`;
  const lost = r.lost.viewers === 0
    ? `${r.viewers} viewers × ${r.rows} rows, none lost`
    : `LOST in ${r.lost.viewers} viewers: ${r.lost.missing} missing, ${r.lost.stale} stale, ${r.lost.extra} extra ${r.lost.errors.join('; ')}`;
  const rows = [
    ['setup', `${r.pods} pods / ${r.nodes} nodes, ${r.churnPerS} events/s asked (${r.simWritesPerS} writes/s made), ${r.viewers} SSE viewers, ${r.minutes} min, warm-up ${r.warmupS} s`],
    // the cluster's size moves with spot interruptions: an RSS figure means something only beside it
    ['pods in the cluster after warm-up → end', `${r.clusterPods.start} → ${r.clusterPods.end} (range ${r.clusterPods.min}–${r.clusterPods.max})`],
    ['RSS after warm-up → end', `${r.rss.start.toFixed(0)} → ${r.rss.end.toFixed(0)} MB (${signed(r.rss.growthPct)}%), range ${r.rss.min.toFixed(0)}–${r.rss.max.toFixed(0)} MB`],
    ['RSS slope (least squares, post-warm-up)', `${signed(r.rss.slopePerH)} MB/h (each minute's floor: ${signed(r.rss.floorSlopePerH)} MB/h)`],
    // where RSS went: live JS objects, the heap V8 keeps committed around them, or buffers outside it
    ...(['heapUsed', 'heapTotal', 'external'] as const).map((k) => [`JS ${k} after warm-up → end`, `${r[k].start.toFixed(0)} → ${r[k].end.toFixed(0)} MB; floor slope ${signed(r[k].floorSlopePerH)} MB/h`]),
    ['open handles (not timers)', trend(r.handles)],
    ['timers', trend(r.timers)],
    ['viewers vs a fresh /api/podnodes query', lost],
    ['event → viewer latency p50/p95/p99', `${r.latencyMs.p50}/${r.latencyMs.p95}/${r.latencyMs.p99} ms (${r.latencyMs.samples} writes)`],
    ['unhandled rejections (dashboard output)', r.rejections.length ? r.rejections.join(' | ') : 'none'],
  ];
  return [
    '| soak | figure |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '', '| goal | met |', '|---|---|', ...goals.map((g) => `| ${g.goal} | ${g.ok ? 'yes' : 'NO'} |`),
  ].join('\n');
}
