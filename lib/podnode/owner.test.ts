import { describe, expect, it } from 'vitest';
import { appNameOf, topOwnerOf } from './owner';
import { makePod } from './test-fixtures';

const rs = (name: string, controller = true) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: 'rs', controller });

describe('topOwnerOf', () => {
  it.each([
    ['Deployment via its ReplicaSet', makePod({ labels: { 'pod-template-hash': '7d4b9c8f6' }, ownerReferences: [rs('checkout-7d4b9c8f6')] }), { kind: 'Deployment', name: 'checkout' }],
    ['hyphenated deployment names keep their hyphens', makePod({ labels: { 'pod-template-hash': 'abc12' }, ownerReferences: [rs('my-web-app-abc12')] }), { kind: 'Deployment', name: 'my-web-app' }],
    ['bare ReplicaSet (no pod-template-hash)', makePod({ ownerReferences: [rs('cache-x7k2p')] }), { kind: 'ReplicaSet', name: 'cache-x7k2p' }],
    ['hash that does not match the name', makePod({ labels: { 'pod-template-hash': 'zzz' }, ownerReferences: [rs('cache-x7k2p')] }), { kind: 'ReplicaSet', name: 'cache-x7k2p' }],
    ['DaemonSet', makePod({ ownerReferences: [{ kind: 'DaemonSet', name: 'node-exporter', controller: true }] }), { kind: 'DaemonSet', name: 'node-exporter' }],
    ['StatefulSet', makePod({ ownerReferences: [{ kind: 'StatefulSet', name: 'db', controller: true }] }), { kind: 'StatefulSet', name: 'db' }],
    ['Job stays Job (CronJob unknowable from the pod)', makePod({ ownerReferences: [{ kind: 'Job', name: 'backup-28912345', controller: true }] }), { kind: 'Job', name: 'backup-28912345' }],
    ['the controller ref wins over earlier refs', makePod({ ownerReferences: [{ kind: 'ConfigMap', name: 'x' }, { kind: 'StatefulSet', name: 'db', controller: true }] }), { kind: 'StatefulSet', name: 'db' }],
    ['first ref when none is the controller', makePod({ ownerReferences: [{ kind: 'Node', name: 'n1' }] }), { kind: 'Node', name: 'n1' }],
    ['no owner', makePod(), null],
  ])('%s', (_name, pod, owner) => {
    expect(topOwnerOf(pod)).toEqual(owner);
  });
});

describe('appNameOf', () => {
  const owned = { labels: { 'pod-template-hash': 'h1' }, ownerReferences: [rs('web-h1')] };
  it.each([
    ['app.kubernetes.io/name first', makePod({ labels: { 'app.kubernetes.io/name': 'a', app: 'b', 'k8s-app': 'c' } }), 'a'],
    ['then app', makePod({ labels: { app: 'b', 'k8s-app': 'c' } }), 'b'],
    ['then k8s-app', makePod({ labels: { 'k8s-app': 'kube-dns' } }), 'kube-dns'],
    ['empty labels are skipped', makePod({ ...owned, labels: { ...owned.labels, app: '' } }), 'web'],
    ['then the top owner', makePod(owned), 'web'],
    ['then the pod name', makePod({ name: 'static-etcd' }), 'static-etcd'],
  ])('%s', (_name, pod, app) => {
    expect(appNameOf(pod)).toBe(app);
  });
});
