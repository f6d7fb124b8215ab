// What the cache says about itself: which cluster it reads and how fresh its data is. Plain types,
// so the layers above can describe them on the wire without reaching into the cache.

export type ClusterStatus = {
  state: 'syncing' | 'live' | 'stale';
  /** ISO time of the last moment the cache was known to be in sync with the API server */
  lastSyncAt: string | null;
  /** ISO time the cache went stale (only when state is 'stale') */
  staleSince?: string | null;
  /** human-readable reason for syncing/stale, e.g. "connect ECONNREFUSED 127.0.0.1:6443" */
  message?: string;
  /** what this view cannot show and why: a resource the credentials may not list (403) */
  limits?: string[];
};

export type ContextInfo = {
  name: string;
  server: string;
  /** true when the built-in simulated demo cluster is serving */
  simulated: boolean;
};
