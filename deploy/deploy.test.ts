// The manifests as kubectl renders them: exactly the RBAC the dashboard needs (reads of pods and
// nodes, nothing else), a restricted pod, probes on the health port, and a namespaced overlay whose
// Roles and PODNODE_NAMESPACES name the same namespaces.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

type Obj = { kind: string; metadata: { name: string; namespace?: string }; [k: string]: unknown };
type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
type Container = {
  env: { name: string; value: string }[];
  ports: { name: string; containerPort: number }[];
  securityContext: Record<string, unknown>;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  volumeMounts: { name: string; mountPath: string }[];
};

function render(dir: string): Obj[] {
  const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return parseAllDocuments(text).map((d) => d.toJSON() as Obj);
}
const byKind = (objs: Obj[], kind: string) => objs.filter((o) => o.kind === kind);
const podSpec = (objs: Obj[]) => (byKind(objs, 'Deployment')[0] as unknown as { spec: { template: { spec: Record<string, unknown> & { containers: Container[]; volumes: { name: string; emptyDir?: object }[] } } } }).spec.template.spec;
const envOf = (c: Container) => Object.fromEntries(c.env.map((e) => [e.name, e.value]));

describe('deploy/ (kubectl kustomize deploy/)', () => {
  const objs = render('deploy');

  it('renders the namespace, service account, read-only RBAC, deployment and service, and nothing else', () => {
    expect(objs.map((o) => o.kind).sort()).toEqual(['ClusterRole', 'ClusterRoleBinding', 'Deployment', 'Namespace', 'Service', 'ServiceAccount']);
    for (const o of objs) if (o.kind !== 'Namespace' && o.kind !== 'ClusterRole' && o.kind !== 'ClusterRoleBinding') expect(o.metadata.namespace).toBe('podnode');
  });

  it('grants exactly get, list, watch on pods and nodes, bound to the dashboard’s service account', () => {
    const [role] = byKind(objs, 'ClusterRole') as unknown as { rules: Rule[] }[];
    expect(role!.rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'nodes', 'events'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['get', 'list', 'watch'] },
    ]);
    const [binding] = byKind(objs, 'ClusterRoleBinding') as unknown as { roleRef: { kind: string; name: string }; subjects: unknown[] }[];
    expect(binding!.roleRef).toMatchObject({ kind: 'ClusterRole', name: 'podnode-explorer-read' });
    expect(binding!.subjects).toEqual([{ kind: 'ServiceAccount', name: 'podnode', namespace: 'podnode' }]);
  });

  it('runs a restricted pod: non-root 65532, read-only root, no capabilities, no escalation, RuntimeDefault seccomp', () => {
    const spec = podSpec(objs);
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.serviceAccountName).toBe('podnode');
    const [c] = spec.containers;
    expect(c!.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    expect(c!.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(c!.resources.limits.memory).toBeDefined();
    // the only writable place is an emptyDir at /tmp
    expect(c!.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
  });

  it('keeps the data port on loopback and gives the probes a port of their own', () => {
    const [c] = podSpec(objs).containers;
    const env = envOf(c!);
    expect(env.HOSTNAME).toBe('127.0.0.1');
    const health = c!.ports.find((p) => p.name === 'health')!;
    expect(String(health.containerPort)).toBe(env.PODNODE_HEALTH_PORT);
    expect(c!.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'health' });
    expect(c!.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'health' });
    expect(String(c!.ports.find((p) => p.name === 'http')!.containerPort)).toBe(env.PORT);
    const dockerfile = fs.readFileSync('Dockerfile', 'utf8');
    expect(dockerfile).toContain(`PODNODE_HEALTH_PORT=${env.PODNODE_HEALTH_PORT}`);
    expect(dockerfile).toMatch(/^USER 65532:65532$/m);
  });

  it('exposes the dashboard to port-forward through a ClusterIP service', () => {
    const [svc] = byKind(objs, 'Service') as unknown as { spec: { type: string; ports: { port: number; targetPort: string }[] } }[];
    expect(svc!.spec.type).toBe('ClusterIP');
    expect(svc!.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http' }]);
  });
});

describe('deploy/namespaced (no cluster-wide rights)', () => {
  const objs = render('deploy/namespaced');

  it('has no ClusterRole or ClusterRoleBinding; Roles read pods only, in the namespaces the app is told to watch', () => {
    expect(byKind(objs, 'ClusterRole')).toEqual([]);
    expect(byKind(objs, 'ClusterRoleBinding')).toEqual([]);
    const roles = byKind(objs, 'Role') as unknown as (Obj & { rules: Rule[] })[];
    for (const r of roles) {
      expect(r.rules).toEqual([
        { apiGroups: [''], resources: ['pods', 'events'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['get', 'list', 'watch'] },
      ]);
    }
    const bindings = byKind(objs, 'RoleBinding') as unknown as (Obj & { subjects: unknown[] })[];
    for (const b of bindings) expect(b.subjects).toEqual([{ kind: 'ServiceAccount', name: 'podnode', namespace: 'podnode' }]);
    const roleNamespaces = roles.map((r) => r.metadata.namespace).sort();
    expect(bindings.map((b) => b.metadata.namespace).sort()).toEqual(roleNamespaces);
    const watched = envOf(podSpec(objs).containers[0]!).PODNODE_NAMESPACES!.split(',').sort();
    expect(watched).toEqual(roleNamespaces);
  });
});
