// Field selectors as the API server supports them for pods/nodes/namespaces: only a few fields,
// with `=`, `==`, `!=`; an empty value is meaningful (`spec.nodeName=` selects unscheduled pods).
import { SelectorError } from './label-selector';
import type { ResourceName } from './store';

export type FieldRequirement = { field: string; op: 'eq' | 'neq'; value: string };

const SUPPORTED: Record<ResourceName, readonly string[]> = {
  pods: ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase'],
  nodes: ['metadata.name'],
  namespaces: ['metadata.name'],
  // what `kubectl describe` asks for (the real server's event field set)
  events: ['metadata.name', 'metadata.namespace', 'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name',
    'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath',
    'reason', 'reportingComponent', 'source', 'type'],
  poddisruptionbudgets: ['metadata.name', 'metadata.namespace'],
};

export function parseFieldSelector(selector: string, resource: ResourceName): FieldRequirement[] {
  if (selector.trim() === '') return [];
  return selector.split(',').map((raw) => {
    const term = raw.trim();
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
    if (!m) throw new SelectorError(`invalid field selector term "${term}": expected FIELD=VALUE, FIELD==VALUE or FIELD!=VALUE`);
    const field = (m[1] as string).trim();
    if (!SUPPORTED[resource].includes(field)) {
      throw new SelectorError(`field label not supported: ${field} (for ${resource}: ${SUPPORTED[resource].join(', ')})`);
    }
    return { field, op: m[2] === '!=' ? 'neq' : 'eq', value: (m[3] as string).trim() };
  });
}

export function matchesFields(reqs: readonly FieldRequirement[], fields: Record<string, string>): boolean {
  for (const r of reqs) {
    const v = fields[r.field] ?? '';
    if (r.op === 'eq' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
