// Where a node sits: its group (node pool), zone and instance type, read from well-known labels.
// Each list is ordered by preference; a node may carry none of them (kk crashed on such nodes).

type Labels = Readonly<Record<string, string>> | undefined;

export const NODE_GROUP_LABELS = [
  'eks.amazonaws.com/nodegroup',
  'karpenter.sh/nodepool',
  'karpenter.sh/provisioner-name', // Karpenter before v0.32
  'cloud.google.com/gke-nodepool',
  'kubernetes.azure.com/agentpool',
  'agentpool', // AKS, older clusters
  'alpha.eksctl.io/nodegroup-name',
  'doks.digitalocean.com/node-pool',
  'lke.linode.com/pool-id',
  'kops.k8s.io/instancegroup',
  'nodegroup',
] as const;

// The failure-domain.beta / beta.kubernetes.io labels are deprecated but still set by older kubelets.
const ZONE_LABELS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'] as const;
const INSTANCE_TYPE_LABELS = ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'] as const;

/** The first of `keys` present (as an own, non-empty string) in `labels`, else null. */
function firstLabel(labels: Labels, keys: readonly string[]): string | null {
  if (!labels) return null;
  for (const key of keys) {
    if (!Object.hasOwn(labels, key)) continue;
    const value = labels[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

export const nodeGroupOf = (labels: Labels): string | null => firstLabel(labels, NODE_GROUP_LABELS);
export const zoneOf = (labels: Labels): string | null => firstLabel(labels, ZONE_LABELS);
export const instanceTypeOf = (labels: Labels): string | null => firstLabel(labels, INSTANCE_TYPE_LABELS);
