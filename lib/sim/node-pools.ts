// Node pool shapes per cloud, one per capacity-label variant the capacity table knows, so every branch of
// capacityTypeOf/nodeGroupOf meets a real-looking node.
import type { SimProfile } from './types';

export type NodePool = {
  /** node group label value (also used in node names); null = a node with no group label */
  group: string | null;
  cloud: 'aws' | 'gcp' | 'azure';
  spot: boolean;
  fargate?: boolean;
  labels: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  instanceTypes: readonly string[];
};

const AWS_TYPES = ['m6i.2xlarge', 'm6i.4xlarge', 'c6i.4xlarge', 'r6i.2xlarge', 'm7g.2xlarge'] as const;
const GCP_TYPES = ['e2-standard-8', 'n2-standard-16', 'c3-standard-8'] as const;
const AZ_TYPES = ['Standard_D8s_v5', 'Standard_D16s_v5', 'Standard_E8s_v5'] as const;

const EKS: NodePool[] = [
  { group: 'general', cloud: 'aws', spot: false, instanceTypes: AWS_TYPES,
    labels: { 'eks.amazonaws.com/nodegroup': 'general', 'eks.amazonaws.com/capacityType': 'ON_DEMAND' } },
  { group: 'spot-workers', cloud: 'aws', spot: true, instanceTypes: AWS_TYPES,
    labels: { 'eks.amazonaws.com/nodegroup': 'spot-workers', 'eks.amazonaws.com/capacityType': 'SPOT' } },
  { group: 'gpu-block', cloud: 'aws', spot: false, instanceTypes: ['p5.48xlarge'],
    labels: { 'eks.amazonaws.com/nodegroup': 'gpu-block', 'eks.amazonaws.com/capacityType': 'CAPACITY_BLOCK' },
    taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }] },
  { group: null, cloud: 'aws', spot: false, fargate: true, instanceTypes: ['fargate'],
    labels: { 'eks.amazonaws.com/compute-type': 'fargate', 'eks.amazonaws.com/fargate-profile': 'fp-default' },
    taints: [{ key: 'eks.amazonaws.com/compute-type', value: 'fargate', effect: 'NoSchedule' }] },
  { group: 'legacy-spot', cloud: 'aws', spot: true, instanceTypes: AWS_TYPES,
    labels: { 'alpha.eksctl.io/nodegroup-name': 'legacy-spot', lifecycle: 'Ec2Spot', 'node-role.kubernetes.io/spot-worker': 'true' } },
  { group: 'legacy-ondemand', cloud: 'aws', spot: false, instanceTypes: AWS_TYPES,
    labels: { 'alpha.eksctl.io/nodegroup-name': 'legacy-ondemand', lifecycle: 'OnDemand' } },
];

const KARPENTER: NodePool[] = [
  { group: 'default', cloud: 'aws', spot: true, instanceTypes: AWS_TYPES,
    labels: { 'karpenter.sh/nodepool': 'default', 'karpenter.sh/capacity-type': 'spot' } },
  { group: 'on-demand', cloud: 'aws', spot: false, instanceTypes: AWS_TYPES,
    labels: { 'karpenter.sh/nodepool': 'on-demand', 'karpenter.sh/capacity-type': 'on-demand' } },
  { group: 'reserved', cloud: 'aws', spot: false, instanceTypes: AWS_TYPES,
    labels: { 'karpenter.sh/nodepool': 'reserved', 'karpenter.sh/capacity-type': 'reserved' } },
];

const GKE: NodePool[] = [
  { group: 'default-pool', cloud: 'gcp', spot: false, instanceTypes: GCP_TYPES,
    labels: { 'cloud.google.com/gke-nodepool': 'default-pool', 'cloud.google.com/gke-provisioning': 'standard' } },
  { group: 'spot-pool', cloud: 'gcp', spot: true, instanceTypes: GCP_TYPES,
    labels: { 'cloud.google.com/gke-nodepool': 'spot-pool', 'cloud.google.com/gke-spot': 'true', 'cloud.google.com/gke-provisioning': 'spot' } },
  { group: 'preemptible-pool', cloud: 'gcp', spot: true, instanceTypes: GCP_TYPES,
    labels: { 'cloud.google.com/gke-nodepool': 'preemptible-pool', 'cloud.google.com/gke-preemptible': 'true' } },
];

const AKS: NodePool[] = [
  { group: 'system', cloud: 'azure', spot: false, instanceTypes: AZ_TYPES,
    labels: { 'kubernetes.azure.com/agentpool': 'system', 'kubernetes.azure.com/mode': 'system' } },
  { group: 'spotpool', cloud: 'azure', spot: true, instanceTypes: AZ_TYPES,
    labels: { 'kubernetes.azure.com/agentpool': 'spotpool', 'kubernetes.azure.com/scalesetpriority': 'spot' },
    taints: [{ key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' }] },
];

/** Self-managed and third-party variants that only the mixed profile carries. */
const ODDBALLS: NodePool[] = [
  { group: 'nodes-spot', cloud: 'aws', spot: true, instanceTypes: AWS_TYPES,
    labels: { 'kops.k8s.io/instancegroup': 'nodes-spot', 'node.kubernetes.io/lifecycle': 'spot' } },
  { group: 'batch', cloud: 'aws', spot: false, instanceTypes: AWS_TYPES,
    labels: { nodegroup: 'batch', 'node.kubernetes.io/lifecycle': 'normal' } },
  { group: null, cloud: 'aws', spot: true, instanceTypes: AWS_TYPES,
    labels: { 'spotinst.io/node-lifecycle': 'spot' } },
  { group: null, cloud: 'aws', spot: false, instanceTypes: AWS_TYPES,
    labels: { 'spotinst.io/node-lifecycle': 'od' } },
  { group: null, cloud: 'aws', spot: true, instanceTypes: AWS_TYPES, labels: { 'aws.amazon.com/spot': 'true' } },
  // no capacity or group label at all: kk crashed on these
  { group: null, cloud: 'aws', spot: false, instanceTypes: AWS_TYPES, labels: {} },
];

export function poolsFor(profile: SimProfile): NodePool[] {
  switch (profile) {
    case 'eks': return EKS;
    case 'karpenter': return [...KARPENTER, EKS[0] as NodePool];
    case 'gke': return GKE;
    case 'aks': return AKS;
    case 'mixed': return [...EKS, ...KARPENTER, ...GKE, ...AKS, ...ODDBALLS];
  }
}

export const ZONES: Record<NodePool['cloud'], readonly string[]> = {
  aws: ['us-west-2a', 'us-west-2b', 'us-west-2c'],
  gcp: ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'],
  azure: ['westeurope-1', 'westeurope-2', 'westeurope-3'],
};
