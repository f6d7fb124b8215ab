// What the generator and churn need to know about an owner to stamp out (replacement) pods.
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job';

export type Workload = {
  kind: WorkloadKind;
  name: string;
  namespace: string;
  /** the object named in ownerReferences: the ReplicaSet for a Deployment, else the workload */
  ownerKind: 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';
  ownerName: string;
  ownerUid: string;
  /** pod-template-hash / controller-revision-hash; a rollout changes it */
  revision: string;
  /** which app label style it uses: app.kubernetes.io/name, app, k8s-app, or none (owner name wins) */
  appLabel: 'app.kubernetes.io/name' | 'app' | 'k8s-app' | null;
  image: string;
  replicas: number;
  init: boolean;
  sidecar: boolean;
  overhead: boolean;
  podResources: boolean;
  noLimits: boolean;
  tolerateSpot: boolean;
};

export type PodState =
  | 'Running' | 'Pending' | 'Unschedulable' | 'Evicted' | 'Completed'
  | 'Terminating' | 'CrashLoopBackOff' | 'Resizing' | 'ContainerCreating';
