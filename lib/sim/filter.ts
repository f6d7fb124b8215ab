// What a LIST or WATCH asked for: namespace, label and field selectors, parsed once per request.
import type { Entry, ResourceName } from './store';
import { type Requirement, matchesLabels, parseLabelSelector } from './label-selector';
import { type FieldRequirement, matchesFields, parseFieldSelector } from './field-selector';

export type Filter = { namespace?: string; labels: Requirement[]; fields: FieldRequirement[] };

export function parseFilter(resource: ResourceName, namespace: string | undefined, params: URLSearchParams): Filter {
  return {
    namespace,
    labels: parseLabelSelector(params.get('labelSelector') ?? ''),
    fields: parseFieldSelector(params.get('fieldSelector') ?? '', resource),
  };
}

export function matchesFilter(f: Filter, e: Entry): boolean {
  if (f.namespace !== undefined && e.namespace !== f.namespace) return false;
  return matchesLabels(f.labels, e.labels) && matchesFields(f.fields, e.fields);
}
