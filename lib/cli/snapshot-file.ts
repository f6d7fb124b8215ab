// The snapshot every online run leaves behind, so `--offline` answers on a plane or during an
// outage. Same document as the dashboard's /api/snapshot, so a file saved from there works too.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { KubeObject } from '@/lib/podnode/types';
import { stripNode, stripPod } from '@/lib/kube/strip';
import { jsonWithArray } from '@/lib/rows/json-chunks';

const objectSchema = z.looseObject({
  metadata: z.looseObject({ name: z.string(), uid: z.string().optional() }),
});
const snapshotSchema = z.object({
  context: z.looseObject({ name: z.string() }).optional(),
  takenAt: z.string().optional(),
  namespaces: z.array(z.string()).optional(),
  limits: z.array(z.string()).optional(),
  nodes: z.array(objectSchema),
  pods: z.array(objectSchema.extend({ metadata: z.looseObject({ name: z.string(), uid: z.string() }) })),
});

/** `namespaces`: the pods it holds are those namespaces' only (a run with -n, or a dashboard with
 *  PODNODE_NAMESPACES); null: every namespace's. `limits`: what the credentials could not read when
 *  it was taken (nodes forbidden: no node facts). */
export type Snapshot = { context: string; takenAt: string; namespaces: readonly string[] | null; limits?: readonly string[]; nodes: KubeObject[]; pods: KubeObject[] };

/** where snapshots live: $XDG_CACHE_HOME/podnode, else ~/.cache/podnode */
type CacheEnv = Readonly<Record<string, string | undefined>>;

function snapshotDir(env: CacheEnv): string {
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'podnode');
}

/** A context name is user text ("arn:aws:eks:…/prod"): kept to one safe file name, which never
 *  holds '@' or '+', so the names of its namespaced snapshots below cannot collide with another's. */
function contextFile(context: string): string {
  return context.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'default';
}

/** The snapshot of every namespace of a context. */
export function snapshotPath(context: string, env: CacheEnv = process.env): string {
  return path.join(snapshotDir(env), `${contextFile(context)}.json`);
}

const NAMESPACE_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Where a run's snapshot goes. One of some namespaces only (`-n`, PODNODE_NAMESPACES) has a file
 *  of its own, `<context>@<ns>+<ns>.json` (DNS labels hold no '@' or '+'), so it never replaces the
 *  snapshot of the whole cluster; names that are not DNS labels, or too many for a file name, give
 *  `<context>@#<digest>.json`, whose content says what it holds. */
export function snapshotPathFor(context: string, namespaces: readonly string[] | null, env: CacheEnv = process.env): string {
  if (namespaces === null) return snapshotPath(context, env);
  const sorted = [...namespaces].sort();
  const readable = `${contextFile(context)}@${sorted.join('+')}.json`;
  const name = sorted.every((ns) => NAMESPACE_LABEL.test(ns)) && Buffer.byteLength(readable) <= 240
    ? readable
    : `${contextFile(context)}@#${createHash('sha256').update(sorted.join('\n')).digest('hex').slice(0, 16)}.json`;
  return path.join(snapshotDir(env), name);
}

/** The saved snapshots of `context` that hold, or may hold, every namespace the query asks for
 *  ([] = all), newest first: the whole cluster's and the namespaced ones that cover them (a
 *  digest-named one is read to know). `saved` says what there is, for a message. */
export function findSnapshots(context: string, namespaces: readonly string[], env: CacheEnv = process.env): { candidates: string[]; saved: string[] } {
  const dir = snapshotDir(env);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return { candidates: [], saved: [] };
  }
  const whole = `${contextFile(context)}.json`;
  const prefix = `${contextFile(context)}@`;
  const saved: string[] = [];
  const found: { file: string; mtime: number }[] = [];
  for (const name of names) {
    if (name !== whole && !(name.startsWith(prefix) && name.endsWith('.json'))) continue;
    const file = path.join(dir, name);
    let mtime: number;
    try {
      mtime = fs.statSync(file).mtimeMs;
    } catch {
      continue;
    }
    const key = name === whole ? null : name.slice(prefix.length, -'.json'.length);
    if (key === null) {
      saved.push('every namespace');
      found.push({ file, mtime });
    } else if (key.startsWith('#')) {
      saved.push(`some namespaces (${name})`);
      if (namespaces.length > 0) found.push({ file, mtime });
    } else {
      const held = key.split('+');
      saved.push(held.join(', '));
      if (namespaces.length > 0 && namespaces.every((ns) => held.includes(ns))) found.push({ file, mtime });
    }
  }
  // newest first; on a tie the whole cluster's
  found.sort((a, b) => b.mtime - a.mtime || Number(path.basename(b.file) === whole) - Number(path.basename(a.file) === whole));
  return { candidates: found.map((f) => f.file), saved: saved.sort() };
}

/** The context a bare `--offline` reads: the one the last run without --context used. A name, not
 *  a link to its file: its namespaced snapshots are found like any context's. */
export function rememberContext(context: string, env: CacheEnv = process.env): void {
  const file = path.join(snapshotDir(env), '.current');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, context, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function lastContext(env: CacheEnv = process.env): string | null {
  try {
    return fs.readFileSync(path.join(snapshotDir(env), '.current'), 'utf8') || null;
  } catch {
    return null;
  }
}

/** Pods serialised and written per batch: at 150,000 pods the document is hundreds of megabytes,
 *  which as one string (and one Buffer copy of it) doubled the CLI's memory and took seconds. */
const PODS_PER_WRITE = 1_000;

export function saveSnapshot(file: string, snap: Snapshot): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const head = {
    kind: 'PodNodeSnapshot',
    apiVersion: 'podnode.dev/v1',
    context: { name: snap.context },
    takenAt: snap.takenAt,
    ...(snap.namespaces ? { namespaces: snap.namespaces } : {}),
    ...(snap.limits?.length ? { limits: snap.limits } : {}),
    nodes: snap.nodes,
  };
  // Cluster data: readable by the owner only. Written then renamed, so a reader never sees half a file.
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    for (const part of jsonWithArray(head, 'pods', snap.pods, PODS_PER_WRITE)) fs.writeSync(fd, part);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export class SnapshotError extends Error {}

export function loadSnapshot(file: string): Snapshot {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SnapshotError(
      code === 'ENOENT' ? `no snapshot at ${file}: run once online first (or pass --snapshot FILE)` : `cannot read ${file}: ${String(err)}`,
    );
  }
  let parsed;
  try {
    parsed = snapshotSchema.parse(JSON.parse(text));
  } catch (err) {
    const why = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; ') : String(err);
    throw new SnapshotError(`${file} is not a PodNode snapshot: ${why}`);
  }
  return {
    context: parsed.context?.name ?? 'unknown',
    takenAt: parsed.takenAt ?? 'unknown',
    namespaces: parsed.namespaces ?? null,
    limits: parsed.limits ?? [],
    // Stripped again on the way in: a file from an older version, or from elsewhere, obeys today's
    // redaction policy before anything of it is printed.
    nodes: parsed.nodes.map((n) => stripNode(n)),
    pods: parsed.pods.map((p) => stripPod(p)),
  };
}

/** Why a snapshot of some namespaces cannot answer a query (`namespaces` [] = every one), or null
 *  when it can: an answer from it would silently miss the pods it never held. */
export function coverageProblem(file: string, snap: Snapshot, namespaces: readonly string[]): string | null {
  const held = snap.namespaces;
  if (held === null) return null;
  const heldSet = new Set(held);
  const missing = namespaces.filter((ns) => !heldSet.has(ns));
  if (namespaces.length > 0 && missing.length === 0) return null;
  const asked = namespaces.length === 0 ? 'this query asks for every namespace' : `this query also asks for ${missing.join(', ')}`;
  const holds = held.length === 0 ? 'holds the pods of no namespace' : `holds only the pods of ${held.join(', ')}`;
  return `the snapshot at ${file} ${holds}, and ${asked}: narrow it with -n, or run it once online to save a snapshot that covers it`;
}
