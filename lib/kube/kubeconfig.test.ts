import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listContexts, resolveKubeConfig } from './kubeconfig';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-kc-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, current: string, contexts: Array<[ctx: string, server: string]>): string {
  const file = path.join(dir, name);
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    `current-context: "${current}"`,
    'clusters:',
    ...contexts.map(([c, s]) => `- name: ${c}-cluster\n  cluster:\n    server: ${s}`),
    'users:',
    ...contexts.map(([c]) => `- name: ${c}-user\n  user:\n    token: t-${c}`),
    'contexts:',
    ...contexts.map(([c]) => `- name: ${c}\n  context:\n    cluster: ${c}-cluster\n    user: ${c}-user\n    namespace: ns-${c}`),
  ].join('\n');
  fs.writeFileSync(file, yaml);
  return file;
}

const a = write('a.yaml', 'prod', [['prod', 'https://prod:6443'], ['dev', 'https://dev:6443']]);
const b = write('b.yaml', 'staging', [['staging', 'https://staging:6443'], ['prod', 'https://other-prod:6443']]);
const home = fs.mkdtempSync(path.join(dir, 'home-'));

describe('resolveKubeConfig', () => {
  it('returns null (use the demo) without any kubeconfig and outside a cluster', () => {
    expect(resolveKubeConfig({ env: { HOME: home } })).toBeNull();
    expect(resolveKubeConfig({ env: { HOME: home, KUBECONFIG: path.join(dir, 'missing.yaml') } })).toBeNull();
  });

  it('reads ~/.kube/config and its current context', () => {
    const h = fs.mkdtempSync(path.join(dir, 'home-'));
    fs.mkdirSync(path.join(h, '.kube'));
    fs.copyFileSync(a, path.join(h, '.kube', 'config'));
    const r = resolveKubeConfig({ env: { HOME: h } });
    expect(r?.context).toEqual({ name: 'prod', server: 'https://prod:6443', simulated: false });
    expect(r?.kc.getCurrentUser()?.token).toBe('t-prod');
  });

  it('merges a KUBECONFIG list the way kubectl does: first file wins names and current context', () => {
    const r = resolveKubeConfig({ env: { HOME: home, KUBECONFIG: [path.join(dir, 'nope'), a, b].join(path.delimiter) } });
    expect(r?.context.name).toBe('prod');
    expect(r?.context.server).toBe('https://prod:6443');
    const s = resolveKubeConfig({ context: 'staging', env: { HOME: home, KUBECONFIG: [a, b].join(path.delimiter) } });
    expect(s?.context.server).toBe('https://staging:6443');
    expect(s?.kc.getCurrentContext()).toBe('staging');
  });

  it('selects a named context, also from PODNODE_CONTEXT and PODNODE_KUBECONFIG', () => {
    expect(resolveKubeConfig({ kubeconfigPath: a, context: 'dev', env: { HOME: home } })?.context.server).toBe('https://dev:6443');
    const r = resolveKubeConfig({ env: { HOME: home, PODNODE_KUBECONFIG: a, PODNODE_CONTEXT: 'dev' } });
    expect(r?.context.name).toBe('dev');
  });

  it('names the available contexts when the requested one does not exist', () => {
    expect(() => resolveKubeConfig({ kubeconfigPath: a, context: 'qa', env: { HOME: home } })).toThrow(
      'context "qa" not found in kubeconfig; available: prod, dev',
    );
  });

  it('fails loudly for an explicit kubeconfig path that does not exist', () => {
    expect(() => resolveKubeConfig({ kubeconfigPath: path.join(dir, 'nope.yaml'), env: { HOME: home } })).toThrow(/kubeconfig not found/);
  });

  it('uses the in-cluster service account when KUBERNETES_SERVICE_HOST is set', () => {
    const before = process.env.KUBERNETES_SERVICE_HOST;
    const r = resolveKubeConfig({ env: { HOME: home, KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443', KUBECONFIG: a } });
    expect(r?.source).toBe('in-cluster');
    expect(r?.context.server).toBe('https://10.0.0.1:443');
    expect(process.env.KUBERNETES_SERVICE_HOST).toBe(before); // our env, not the process's
  });
});

describe('listContexts', () => {
  it('lists every context with its server and marks the current one', () => {
    expect(listContexts({ kubeconfigPath: a, env: { HOME: home } })).toEqual([
      { name: 'prod', server: 'https://prod:6443', simulated: false, current: true, namespace: 'ns-prod' },
      { name: 'dev', server: 'https://dev:6443', simulated: false, current: false, namespace: 'ns-dev' },
    ]);
    expect(listContexts({ env: { HOME: home } })).toEqual([]);
  });
});
