// The public API of lib/podnode: pure functions over plain Kubernetes JSON, safe in the browser
// and on the server (no I/O, no Node-only imports).
export * from './types';
export { parseQuantity, parseCpuMillis, parseBytes, QuantityError, type Quantity, type QuantityFormat } from './quantity';
export { formatCpu, formatBytes } from './quantity-format';
export {
  DEFAULT_CAPACITY_TABLE,
  capacityTypeOf,
  loadCapacityTable,
  CapacityTableError,
  type CapacityRule,
  type CapacityTable,
} from './capacity-types';
export { nodeGroupOf, zoneOf, instanceTypeOf, NODE_GROUP_LABELS, ZONE_LABELS, INSTANCE_TYPE_LABELS } from './node-info';
export { kubectlColumnsOf, podStatusOf, readyOf, restartsOf, type KubectlPodColumns } from './pod-status';
export { podRequests, podLimits, podResources, type CpuMemory, type PodResourceFields } from './pod-resources';
export { containerResources, type ContainerResources, type ResourcePair } from './container-resources';
export { topOwnerOf, appNameOf, type OwnerRef } from './owner';
export { toPodNodeRow, joinPodNodes, nodeFactsOf, type NodeFacts } from './join';
export { summarizeNode, type NodeSummary } from './node-summary';
