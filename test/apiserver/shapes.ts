// Compares what the simulator and the real API server answer to the same request by shape: the
// set of JSON key paths (array elements merged), with values ignored except where a test says.
function keyPaths(value: unknown, prefix = '', out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 6 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 5)) keyPaths(item, `${prefix}[]`, out, depth + 1);
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.add(p);
    keyPaths(v, p, out, depth + 1);
  }
  return out;
}

/** Paths one side has and the other lacks, as `+path` (real only) and `-path` (simulator only). */
export function shapeDiff(sim: unknown, real: unknown, ignore: RegExp = /^$/): string[] {
  const a = keyPaths(sim);
  const b = keyPaths(real);
  const diff: string[] = [];
  for (const p of b) if (!a.has(p) && !ignore.test(p)) diff.push(`+${p}`);
  for (const p of a) if (!b.has(p) && !ignore.test(p)) diff.push(`-${p}`);
  return diff.sort();
}
