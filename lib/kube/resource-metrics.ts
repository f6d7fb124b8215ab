// Counters per resource: what the soak bench prints and what tests assert on, so that
// "it recovered" is a number rather than a feeling.
export type ResourceMetrics = {
  /** LIST chains started (a chain = the pages of one full LIST) */
  listChains: number;
  listPages: number;
  /** WATCH requests opened */
  watches: number;
  /** watch events applied, bookmarks included */
  events: number;
  bookmarks: number;
  /** 410 Gone seen (HTTP or ERROR event): each one costs a relist */
  gones: number;
  /** watches the watchdog aborted */
  watchdogRestarts: number;
  /** failures that led to a backoff */
  errors: number;
};

export function emptyMetrics(): ResourceMetrics {
  return { listChains: 0, listPages: 0, watches: 0, events: 0, bookmarks: 0, gones: 0, watchdogRestarts: 0, errors: 0 };
}
