// Memoised quantity parsing for the hot path: 150k pods repeat a few dozen distinct strings
// (`100m`, `128Mi`, ...), so each is parsed with BigInt once and then looked up.
// An unparseable quantity counts as absent here rather than throwing: one odd object must not
// take the whole join down (the API server validates quantities, so this is belt and braces).
import { nanosToUnitsCeil, parseQuantity } from './quantity';

const MAX_ENTRIES = 10_000;
const cpuCache = new Map<string, number>();
const bytesCache = new Map<string, number>();

const toNanos = (n: bigint): number => Number(n);
const toBytes = (n: bigint): number => nanosToUnitsCeil(n, 1_000_000_000n);

function memo(cache: Map<string, number>, q: string, convert: (nanos: bigint) => number): number {
  let value = cache.get(q);
  if (value !== undefined) return value;
  try {
    value = convert(parseQuantity(q).nanos);
  } catch {
    value = 0;
  }
  // Quantities are few; a runaway set (hostile input) is bounded by starting over.
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(q, value);
  return value;
}

const toKey = (q: string | number | undefined): string | undefined =>
  typeof q === 'string' ? q : typeof q === 'number' && Number.isFinite(q) ? String(q) : undefined;

/**
 * CPU in nanocores, kept exact so that sums round up once at the end, as MilliValue() of the
 * summed Quantity does (two `100u` containers are 1m, not 2m). Safe below ~9 million cores.
 */
export function cpuNanosOf(q: string | number | undefined): number {
  const key = toKey(q);
  return key === undefined ? 0 : memo(cpuCache, key, toNanos);
}

/** Memory in bytes, each quantity rounded up like Value() (Kubernetes warns on fractional bytes). */
export function bytesOf(q: string | number | undefined): number {
  const key = toKey(q);
  return key === undefined ? 0 : memo(bytesCache, key, toBytes);
}

/** Nanocores → millicores, rounded up (exact integer arithmetic, no float division). */
export function nanosToMillis(nanos: number): number {
  const rest = nanos % 1_000_000;
  const whole = (nanos - rest) / 1_000_000;
  return rest > 0 ? whole + 1 : whole;
}
