// fieldsV1 as the API server writes it ("f:key" per set field, "k:{...}" for keyed list items,
// "." for set leaves). Derived from the object's own shape so it is as large as a real one.
export type FieldsV1 = { [key: string]: FieldsV1 };

// lists the API marks x-kubernetes-list-type: atomic are owned whole: one empty entry
const ATOMIC = new Set(['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses', 'hostIPs', 'podIPs', 'nodeInfo']);

const LIST_KEYS = ['name', 'type', 'containerPort', 'key', 'mountPath', 'ip'] as const;

export function fieldsOf(value: unknown): FieldsV1 {
  if (Array.isArray(value)) {
    const out: FieldsV1 = {};
    for (const item of value) {
      if (item === null || typeof item !== 'object') { out[`v:${JSON.stringify(item)}`] = {}; continue; }
      const record = item as Record<string, unknown>;
      const keyName = LIST_KEYS.find((k) => k in record);
      const key = keyName ? `k:{"${keyName}":${JSON.stringify(record[keyName])}}` : `i:${Object.keys(out).length}`;
      out[key] = { '.': {}, ...fieldsOf(item) };
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: FieldsV1 = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[`f:${k}`] = v !== null && typeof v === 'object' && !ATOMIC.has(k) ? fieldsOf(v) : {};
    }
    return out;
  }
  return {};
}
