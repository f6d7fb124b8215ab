// kubectl's printer columns for events and PodDisruptionBudgets (pkg/printers/internalversion:
// printEvent, printPodDisruptionBudget). The API server renders tables with Wide on, so every
// cell is sent and kubectl hides the priority-1 columns unless asked for -o wide.
import type { KubeObject } from '@/lib/podnode/types';
import { type ColumnDefinition, col, humanAge } from './printer-util';

export const EVENT_COLUMNS: ColumnDefinition[] = [col('Last Seen'), col('Type'), col('Reason'), col('Object'),
  col('Subobject', 'string', 1), col('Source', 'string', 1), col('Message'), col('First Seen', 'string', 1),
  col('Count', 'string', 1), col('Name', 'string', 1, 'name')];

export const PDB_COLUMNS: ColumnDefinition[] = [col('Name', 'string', 0, 'name'), col('Min Available'), col('Max Unavailable'),
  col('Allowed Disruptions', 'integer'), col('Age')];

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** formatEventSource: component, then ", host" when there is one (the reporting fields stand in) */
function eventSource(ev: KubeObject): string {
  const source = (ev.source ?? {}) as { component?: unknown; host?: unknown };
  const component = str(source.component) || str(ev.reportingComponent);
  const host = str(source.host) || str(ev.reportingInstance);
  return host ? `${component}, ${host}` : component;
}

export function eventCells(ev: KubeObject, now: number): unknown[] {
  const series = ev.series as { count?: number; lastObservedTime?: string } | undefined;
  const first = humanAge(str(ev.firstTimestamp) || str(ev.eventTime), now);
  let last = str(ev.lastTimestamp) ? humanAge(str(ev.lastTimestamp), now) : first;
  let count = typeof ev.count === 'number' && ev.count > 0 ? ev.count : 1;
  if (series) { last = humanAge(series.lastObservedTime, now); count = series.count ?? count; }
  const involved = (ev.involvedObject ?? {}) as { kind?: unknown; name?: unknown; fieldPath?: unknown };
  const kind = str(involved.kind).toLowerCase();
  const target = str(involved.name) ? `${kind}/${str(involved.name)}` : kind;
  return [last, str(ev.type), str(ev.reason), target, str(involved.fieldPath), eventSource(ev), str(ev.message).trim(), first, count, ev.metadata.name];
}

/** IntOrString.String(), or N/A when unset */
const intOrString = (v: unknown): string => (typeof v === 'number' || typeof v === 'string' ? String(v) : 'N/A');

export function pdbCells(pdb: KubeObject, now: number): unknown[] {
  const allowed = (pdb.status as { disruptionsAllowed?: number } | undefined)?.disruptionsAllowed ?? 0;
  return [pdb.metadata.name, intOrString(pdb.spec?.minAvailable), intOrString(pdb.spec?.maxUnavailable), allowed,
    humanAge(pdb.metadata.creationTimestamp, now)];
}
