// The public API of lib/podnode: pure functions over plain Kubernetes JSON, safe in the browser
// and on the server (no I/O, no Node-only imports).
export * from './types';
export { DEFAULT_CAPACITY_TABLE, loadCapacityTable, type CapacityTable } from './capacity-types';
export { toPodNodeRow, joinPodNodes, JoinMemo } from './join';
export { summarizeNode } from './node-summary';
