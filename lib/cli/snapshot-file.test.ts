// The offline snapshot is written in batches of pods; the file must be the one JSON document a
// single JSON.stringify would give, and read back to the same (stripped) objects.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '@/lib/podnode/types';
import { generateCluster } from '@/lib/sim/generate-cluster';
import { stripNode, stripPod } from '@/lib/kube/strip';
import { coverageProblem, findSnapshots, loadSnapshot, saveSnapshot, snapshotPath, snapshotPathFor } from './snapshot-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-snap-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the offline snapshot file', () => {
  for (const count of [0, 1, 999, 1000, 2501]) {
    it(`holds exactly the document of ${count} pods, and reads back`, () => {
      const pods: KubeObject[] = [];
      const cluster = generateCluster({ nodes: 20, pods: count, profile: 'mixed', seed: count, namespaces: ['a'], now: Date.parse('2026-11-01T10:00:00Z') }, (p) => pods.push(stripPod(p)));
      const nodes = cluster.nodeObjects.map((n) => stripNode(n));
      const snap = { context: 'ctx "prod"', takenAt: '2026-12-03T10:00:00.000Z', namespaces: null, nodes, pods: pods.slice(0, count) }; // the generator adds DaemonSet pods
      const file = path.join(dir, `s${count}.json`);
      saveSnapshot(file, snap);
      const text = fs.readFileSync(file, 'utf8');
      expect(text).toBe(JSON.stringify({ kind: 'PodNodeSnapshot', apiVersion: 'podnode.dev/v1', context: { name: snap.context }, takenAt: snap.takenAt, nodes, pods: snap.pods }));
      expect(snap.pods.length).toBe(count);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const back = loadSnapshot(file);
      expect(back.pods.length).toBe(count);
      expect(back.pods.map((p) => p.metadata.uid)).toEqual(snap.pods.map((p) => p.metadata.uid));
    });
  }

  it('says which namespaces it holds, and refuses a query outside them', () => {
    const pods: KubeObject[] = [];
    const cluster = generateCluster({ nodes: 5, pods: 40, profile: 'mixed', seed: 3, namespaces: ['a', 'b'], now: Date.parse('2026-11-01T10:00:00Z') }, (p) => pods.push(stripPod(p)));
    const file = path.join(dir, 'namespaced.json');
    saveSnapshot(file, { context: 'c', takenAt: '2026-12-03T10:00:00.000Z', namespaces: ['a', 'b'], nodes: cluster.nodeObjects.map((n) => stripNode(n)), pods });
    expect((JSON.parse(fs.readFileSync(file, 'utf8')) as { namespaces: string[] }).namespaces).toEqual(['a', 'b']);
    const back = loadSnapshot(file);
    expect(back.namespaces).toEqual(['a', 'b']);
    expect(coverageProblem(file, back, ['a'])).toBeNull();
    expect(coverageProblem(file, back, ['b', 'a'])).toBeNull();
    expect(coverageProblem(file, back, [])).toMatch(/holds only the pods of a, b, and this query asks for every namespace/);
    expect(coverageProblem(file, back, ['a', 'c', 'd'])).toMatch(/this query also asks for c, d/);
    expect(coverageProblem(file, { ...back, namespaces: [] }, ['a'])).toMatch(/holds the pods of no namespace, and this query also asks for a/);
    // a snapshot of every namespace answers anything, and says nothing of namespaces in the file
    expect(coverageProblem(file, { ...back, namespaces: null }, [])).toBeNull();
    const whole = path.join(dir, 'whole.json');
    saveSnapshot(whole, { ...back, namespaces: null });
    expect(fs.readFileSync(whole, 'utf8')).not.toContain('"namespaces"');
    expect(loadSnapshot(whole).namespaces).toBeNull();
  });

  it('a namespaced run has a file of its own, and --offline takes the newest that covers the query', () => {
    const env = { XDG_CACHE_HOME: path.join(dir, 'xdg') };
    const whole = snapshotPath('arn:aws:eks:prod', env);
    expect(path.basename(whole)).toBe('arn_aws_eks_prod.json');
    const ab = snapshotPathFor('arn:aws:eks:prod', ['b', 'a'], env);
    expect(path.basename(ab)).toBe('arn_aws_eks_prod@a+b.json');
    expect(snapshotPathFor('arn:aws:eks:prod', null, env)).toBe(whole);
    // too many for a file name, or not DNS labels (PODNODE_NAMESPACES is not checked as -n is): a digest
    const many = snapshotPathFor('c', Array.from({ length: 40 }, (_, i) => `namespace-${i}`), env);
    expect(path.basename(many)).toMatch(/^c@#[0-9a-f]{16}\.json$/);
    const odd = snapshotPathFor('c', ['a/../../x'], env);
    expect(path.dirname(odd)).toBe(path.dirname(whole));
    expect(path.basename(odd)).toMatch(/^c@#[0-9a-f]{16}\.json$/);
    expect(findSnapshots('arn:aws:eks:prod', [], env)).toEqual({ candidates: [], saved: [] });
    const touch = (file: string, at: number) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '{}');
      fs.utimesSync(file, at, at);
    };
    touch(whole, 1_000);
    touch(ab, 2_000);
    const c = snapshotPathFor('arn:aws:eks:prod', ['c'], env);
    touch(c, 3_000);
    const digest = snapshotPathFor('arn:aws:eks:prod', ['UPPER'], env);
    touch(digest, 500);
    touch(snapshotPathFor('other', ['a'], env), 4_000); // another context's: never taken
    touch(snapshotPathFor('arn:aws:eks:prod-eu', ['a'], env), 4_000); // a longer context's: never taken
    expect(findSnapshots('arn:aws:eks:prod', ['a'], env).candidates).toEqual([ab, whole, digest]); // newest first; a digest may hold it
    expect(findSnapshots('arn:aws:eks:prod', ['a', 'c'], env).candidates).toEqual([whole, digest]); // only the whole one holds both
    expect(findSnapshots('arn:aws:eks:prod', [], env).candidates).toEqual([whole]);
    fs.rmSync(whole);
    const none = findSnapshots('arn:aws:eks:prod', [], env);
    expect(none.candidates).toEqual([]);
    expect(none.saved).toEqual(['a, b', 'c', `some namespaces (${path.basename(digest)})`]);
  });

  it('keeps what the credentials could not read, to say it again offline', () => {
    const file = path.join(dir, 'limits.json');
    saveSnapshot(file, { context: 'c', takenAt: 't', namespaces: ['a'], limits: ['nodes: forbidden — …'], nodes: [], pods: [] });
    expect(loadSnapshot(file).limits).toEqual(['nodes: forbidden — …']);
    saveSnapshot(file, { context: 'c', takenAt: 't', namespaces: null, limits: [], nodes: [], pods: [] });
    expect(fs.readFileSync(file, 'utf8')).not.toContain('limits');
    expect(loadSnapshot(file).limits).toEqual([]);
  });
});
