// Memory at 150,000 pods: the pods of one ReplicaSet carry the same containers, volumes,
// tolerations, labels and owner references, and every pod repeats the same short strings
// ("True", "Ready", image names, zone names). JSON.parse gives each pod its own copies. The
// interner makes identical template subtrees one shared, frozen object, and identical short
// strings one string, so the cache holds each template once instead of once per replica.
//
// Shared subtrees are frozen: nothing may mutate a cached object after ingest (the cache never
// does; a stray write now throws instead of silently changing every replica).

const SHARED_POD_PATHS: readonly (readonly [string, string])[] = [
  ['metadata', 'labels'],
  ['metadata', 'annotations'],
  ['metadata', 'ownerReferences'],
  ['spec', 'containers'],
  ['spec', 'initContainers'],
  ['spec', 'volumes'],
  ['spec', 'tolerations'],
  ['spec', 'affinity'],
  ['spec', 'securityContext'],
  ['spec', 'topologySpreadConstraints'],
  ['spec', 'nodeSelector'],
  ['spec', 'overhead'],
  ['spec', 'resources'],
  ['spec', 'imagePullSecrets'],
  ['spec', 'readinessGates'],
  ['spec', 'dnsConfig'],
  // kept without timestamps (kept-fields.ts), a Running pod's conditions are the same five as its neighbours'
  ['status', 'conditions'],
];

/** Strings one pod alone has: interning them only fills the table (and evicts what is shared). */
const UNIQUE_METADATA = new Set(['uid', 'name', 'resourceVersion']);

/** Strings longer than this are rarely repeated (uids, container IDs) and not worth a lookup. */
const MAX_STRING = 100;
/** Caps on the tables; on overflow a table starts afresh (held objects stay valid, only sharing with newcomers is lost). */
const MAX_STRINGS = 200_000;
const MAX_SHAPES = 50_000;

type Rec = Record<string, unknown>;

export class Interner {
  private strings = new Map<string, string>();
  private shapes = new Map<string, unknown>();

  /** Interns a stripped pod in place and returns it. */
  pod<T extends object>(pod: T): T {
    const obj = pod as unknown as Rec;
    for (const [section, field] of SHARED_POD_PATHS) {
      const parent = obj[section];
      if (!isRecord(parent)) continue;
      const value = parent[field];
      // A list is shared whole when a replica has the same one, else element by element: one
      // per-pod volume (the service-account token's kube-api-access-xxxxx) must not stop the
      // other volumes being shared.
      if (Array.isArray(value)) parent[field] = this.sharedList(value);
      else if (value !== undefined && value !== null) parent[field] = this.shared(value);
    }
    // the rest: short strings only (shared subtrees are frozen and skipped)
    if (isRecord(obj.metadata)) this.walk(obj.metadata, UNIQUE_METADATA);
    for (const key of Object.keys(obj)) if (key !== 'metadata') obj[key] = this.walkValue(obj[key]);
    return pod;
  }

  /** Interns a node's short strings in place (nodes are few; no subtree sharing needed). */
  node<T extends object>(node: T): T {
    this.walk(node);
    return node;
  }

  get stats(): { strings: number; shapes: number } {
    return { strings: this.strings.size, shapes: this.shapes.size };
  }

  private shared(value: unknown): unknown {
    const key = JSON.stringify(value);
    const hit = this.shapes.get(key);
    if (hit !== undefined) return hit;
    if (this.shapes.size >= MAX_SHAPES) this.shapes = new Map();
    this.walk(value);
    deepFreeze(value);
    this.shapes.set(key, value);
    return value;
  }

  /** The whole list when a replica has the very same one; else a new list of shared elements. */
  private sharedList(list: unknown[]): unknown[] {
    const key = JSON.stringify(list);
    const hit = this.shapes.get(key) as unknown[] | undefined;
    if (hit !== undefined) return hit;
    const out = Object.freeze(list.map((v) => this.shared(v))) as unknown[];
    if (this.shapes.size >= MAX_SHAPES) this.shapes = new Map();
    this.shapes.set(key, out);
    return out;
  }

  /** One copy of a short string (row text derived per pod, as well as the objects' own). */
  text(s: string): string {
    if (s.length > MAX_STRING) return s;
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    if (this.strings.size >= MAX_STRINGS) this.strings = new Map();
    this.strings.set(s, s);
    return s;
  }

  /** `skip`: keys of this object left alone */
  private walk(value: unknown, skip?: ReadonlySet<string>): void {
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) value[i] = this.walkValue(value[i]);
    else if (isRecord(value)) for (const k of Object.keys(value)) if (!skip?.has(k)) value[k] = this.walkValue(value[k]);
  }

  private walkValue(v: unknown): unknown {
    if (typeof v === 'string') return this.text(v);
    if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) this.walk(v);
    return v;
  }
}

function deepFreeze(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const child of Object.values(v)) deepFreeze(child);
}

function isRecord(v: unknown): v is Rec {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

