// Builds one realistic Node object for a pool: cloud-shaped name, topology and instance labels,
// capacity/allocatable, conditions, taints and managedFields like a kubelet-registered node.
import type { KubeObject } from '@/lib/podnode/types';
import { type NodePool, ZONES } from './node-pools';
import { type Rng, nameSuffix, uid } from './prng';
import { fieldsOf } from './managed-fields';

const SHAPES: Record<string, { cpu: number; memGi: number }> = {
  'm6i.2xlarge': { cpu: 8, memGi: 32 }, 'm6i.4xlarge': { cpu: 16, memGi: 64 }, 'c6i.4xlarge': { cpu: 16, memGi: 32 },
  'r6i.2xlarge': { cpu: 8, memGi: 64 }, 'm7g.2xlarge': { cpu: 8, memGi: 32 }, 'p5.48xlarge': { cpu: 192, memGi: 2048 },
  fargate: { cpu: 2, memGi: 4 }, 'e2-standard-8': { cpu: 8, memGi: 32 }, 'n2-standard-16': { cpu: 16, memGi: 64 },
  'c3-standard-8': { cpu: 8, memGi: 32 }, Standard_D8s_v5: { cpu: 8, memGi: 32 }, Standard_D16s_v5: { cpu: 16, memGi: 64 },
  Standard_E8s_v5: { cpu: 8, memGi: 64 },
};

const KUBELET: Record<NodePool['cloud'], string> = { aws: 'v1.32.3-eks-473151a', gcp: 'v1.32.4-gke.1106006', azure: 'v1.32.3' };
const OS_IMAGE: Record<NodePool['cloud'], string> = { aws: 'Amazon Linux 2023.7.20250512', gcp: 'Container-Optimized OS from Google', azure: 'Ubuntu 22.04.5 LTS' };

function nodeName(pool: NodePool, index: number, rng: Rng, zone: string): string {
  const ip = `10.${index >> 16 & 255}.${index >> 8 & 255}.${index & 255}`;
  if (pool.fargate) return `fargate-ip-${ip.replaceAll('.', '-')}.${zone.slice(0, -1)}.compute.internal`;
  if (pool.cloud === 'gcp') return `gke-prod-${pool.group ?? 'pool'}-${rng.hex(8)}-${nameSuffix(rng, 4)}`;
  if (pool.cloud === 'azure') return `aks-${pool.group ?? 'pool'}-${10000000 + index}-vmss${index.toString(36).padStart(6, '0')}`;
  return `ip-${ip.replaceAll('.', '-')}.${zone.slice(0, -1)}.compute.internal`;
}

export function makeNode(pool: NodePool, index: number, rng: Rng, createdAt: Date): KubeObject {
  const zone = rng.pick(ZONES[pool.cloud]);
  const instanceType = rng.pick(pool.instanceTypes);
  const shape = SHAPES[instanceType] ?? { cpu: 4, memGi: 16 };
  const name = nodeName(pool, index, rng, zone);
  const arch = instanceType.startsWith('m7g') ? 'arm64' : 'amd64';
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': arch, 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': arch,
    'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': instanceType, 'topology.kubernetes.io/region': zone.replace(/-?[a-z0-9]$/, ''),
    'topology.kubernetes.io/zone': zone, 'failure-domain.beta.kubernetes.io/zone': zone, ...pool.labels,
  };
  const reservedMi = 600 + shape.cpu * 80;
  const capacity = { cpu: String(shape.cpu), memory: `${shape.memGi * 1024 * 1024}Ki`, pods: '110', 'ephemeral-storage': '83873772Ki' };
  const allocatable = {
    cpu: `${shape.cpu * 1000 - 70 - shape.cpu * 10}m`, memory: `${(shape.memGi * 1024 - reservedMi) * 1024}Ki`,
    pods: pool.fargate ? '1' : '110', 'ephemeral-storage': '76224326324',
  };
  const ts = createdAt.toISOString().replace(/\.\d+Z$/, 'Z');
  const condition = (type: string, status: string, reason: string, message: string) =>
    ({ type, status, lastHeartbeatTime: ts, lastTransitionTime: ts, reason, message });
  const spec: Record<string, unknown> = {
    providerID: pool.cloud === 'aws' ? `aws:///${zone}/i-0${rng.hex(16)}` : pool.cloud === 'gcp'
      ? `gce://prod-project/${zone}/${name}` : `azure:///subscriptions/0000/resourceGroups/mc_prod/providers/Microsoft.Compute/virtualMachineScaleSets/${name}`,
  };
  if (pool.taints) spec.taints = pool.taints;
  const status = {
    capacity, allocatable,
    conditions: [
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ],
    addresses: [{ type: 'InternalIP', address: `10.${index >> 16 & 255}.${index >> 8 & 255}.${index & 255}` }, { type: 'Hostname', address: name }],
    nodeInfo: {
      architecture: arch, containerRuntimeVersion: 'containerd://1.7.27', kernelVersion: '6.1.132-147.221.amzn2023.x86_64',
      kubeProxyVersion: 'v1.32.3', kubeletVersion: KUBELET[pool.cloud], operatingSystem: 'linux', osImage: OS_IMAGE[pool.cloud],
      machineID: rng.hex(32), systemUUID: `ec2${rng.hex(5)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`, bootID: uid(rng),
    },
  };
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: {
      name, uid: uid(rng), creationTimestamp: ts, labels,
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      managedFields: [
        { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: ts, fieldsType: 'FieldsV1', fieldsV1: fieldsOf({ metadata: { labels }, spec }) },
        { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: ts, fieldsType: 'FieldsV1', subresource: 'status', fieldsV1: fieldsOf({ status }) },
      ],
    },
    spec, status,
  };
}
