#!/usr/bin/env node
// Builds a real kube-apiserver and etcd from their published Go modules (the versions pinned in
// go.mod beside this file), the way controller-runtime's envtest gets a control plane, into a
// cache outside the repository: a second run finds them and starts in seconds.
//   node test/controlplane/build.mjs        → prints the directory holding the two binaries
// Exit 3 with a message when Go is missing (the suite then skips, and says so).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = import.meta.dirname;
const gomod = readFileSync(path.join(here, 'go.mod'), 'utf8');
const k8s = /k8s\.io\/kubernetes v(\d+\.\d+\.\d+)/.exec(gomod)?.[1];
const etcd = /go\.etcd\.io\/etcd\/server\/v3 v(\d+\.\d+\.\d+)/.exec(gomod)?.[1];
if (!k8s || !etcd) throw new Error('test/controlplane/go.mod must require k8s.io/kubernetes and go.etcd.io/etcd/server/v3');

export const versions = { kubernetes: k8s, etcd };
function binDir() {
  const cache = process.env.PODNODE_CONTROLPLANE_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'podnode', 'controlplane');
  return path.join(cache, `kubernetes-v${k8s}-etcd-v${etcd}`);
}

function build(pkg, out, ldflags = '') {
  const tmp = `${out}.tmp-${process.pid}`;
  const args = ['build', '-trimpath', '-o', tmp, ...(ldflags ? ['-ldflags', ldflags] : []), pkg];
  const started = Date.now();
  const r = spawnSync('go', args, { cwd: here, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' } });
  if (r.status !== 0) throw new Error(`go build ${pkg} failed (exit ${r.status})`);
  renameSync(tmp, out); // atomic: a killed build never leaves a half binary that looks done
  console.error(`controlplane: built ${path.basename(out)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

export function ensureBinaries() {
  const dir = binDir();
  const apiserver = path.join(dir, 'kube-apiserver');
  const etcdBin = path.join(dir, 'etcd');
  if (existsSync(apiserver) && existsSync(etcdBin)) return { dir, apiserver, etcd: etcdBin, cached: true };
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) {
    const err = new Error('Go is not installed: the real control-plane suite needs it to build kube-apiserver and etcd (https://go.dev/dl, or apt-get install golang)');
    err.code = 'NO_GO';
    throw err;
  }
  mkdirSync(dir, { recursive: true });
  console.error(`controlplane: building kube-apiserver v${k8s} and etcd v${etcd} with ${go.stdout.trim()} (first run: ~10 min on 2 cores)…`);
  if (!existsSync(etcdBin)) build('go.etcd.io/etcd/server/v3', etcdBin);
  if (!existsSync(apiserver)) {
    const [major, minor] = k8s.split('.');
    const v = (p) => `-X ${p}.gitVersion=v${k8s} -X ${p}.gitMajor=${major} -X ${p}.gitMinor=${minor} -X ${p}.gitTreeState=clean`;
    build('k8s.io/kubernetes/cmd/kube-apiserver', apiserver, `${v('k8s.io/component-base/version')} ${v('k8s.io/client-go/pkg/version')}`);
  }
  return { dir, apiserver, etcd: etcdBin, cached: false };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(here, 'build.mjs')) {
  try {
    const r = ensureBinaries();
    console.log(r.dir);
  } catch (err) {
    console.error(`controlplane: ${err.message}`);
    process.exit(err.code === 'NO_GO' ? 3 : 1);
  }
}
