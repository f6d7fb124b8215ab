'use client';
// Sections of the detail drawer. Reads the stripped pod and node objects defensively: any field
// may be missing on a real cluster.
import { stringify } from 'yaml';
import type { KubeObject, PodNodeRow } from '@/lib/podnode/types';
import type { NodeSummary } from '@/lib/podnode/node-summary';
import type { ClusterEvent } from '@/lib/podnode/cluster-events';
import { CapacityBadge, StatusBadge } from '@/components/badges';
import { formatBytes, formatClock, formatCpu } from '@/components/format';

type Container = { name: string; image?: string; restartPolicy?: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } };
type Props = { row: PodNodeRow; node: NodeSummary | null; events: ClusterEvent[]; whole: { pod: KubeObject } | { error: string } | null; onPodsOnNode: (node: string) => void };

const get = <T,>(o: unknown, key: string): T | undefined => (o && typeof o === 'object' ? ((o as Record<string, unknown>)[key] as T) : undefined);

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mb-4">
      <h3 className="mb-1.5 text-[11px] font-semibold uppercase tracking-wide text-neutral-500">{title}</h3>
      {children}
    </section>
  );
}

function Facts({ items }: { items: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-neutral-500">{k}</dt>
          <dd className="min-w-0 break-words">{v ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

function Usage({ label, used, of, pct, fmt }: { label: string; used: number; of: number; pct: number | null; fmt: (n: number) => string }) {
  return (
    <div className="mb-1.5">
      <div className="flex justify-between">
        <span>{label}</span>
        <span className="tabular-nums text-neutral-600 dark:text-neutral-400">
          {fmt(used)} / {fmt(of)} {pct !== null && `(${pct}%)`}
        </span>
      </div>
      <div className="mt-0.5 h-1.5 overflow-hidden rounded bg-neutral-100 dark:bg-neutral-800">
        <div className={`h-full ${pct !== null && pct > 90 ? 'bg-red-500' : 'bg-blue-500'}`} style={{ width: `${Math.min(100, pct ?? 0)}%` }} />
      </div>
    </div>
  );
}

function Labels({ labels }: { labels: Record<string, string> | undefined }) {
  const entries = Object.entries(labels ?? {});
  if (!entries.length) return <p className="text-neutral-500">none</p>;
  return (
    <ul className="flex flex-wrap gap-1">
      {entries.map(([k, v]) => (
        <li key={k} className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-[11px] dark:bg-neutral-800">
          {k}={v}
        </li>
      ))}
    </ul>
  );
}

export function PodDetails({ row, node, events, whole, onPodsOnNode }: Props) {
  const pod: KubeObject = row.pod;
  const spec = pod.spec ?? {};
  const conditions = get<{ type: string; status: string }[]>(pod.status, 'conditions') ?? [];
  const containers = [
    ...(get<Container[]>(spec, 'initContainers') ?? []).map((c) => ({ ...c, kind: c.restartPolicy === 'Always' ? 'sidecar' : 'init' })),
    ...(get<Container[]>(spec, 'containers') ?? []).map((c) => ({ ...c, kind: '' })),
  ];
  const tolerations = get<Record<string, string>[]>(spec, 'tolerations') ?? [];
  const owner = pod.metadata.ownerReferences?.[0];
  return (
    <>
      <Section title="Pod">
        <Facts
          items={[
            ['Status', <StatusBadge key="s" status={row.status} />],
            ['Phase', get<string>(pod.status, 'phase')],
            ['Ready', `${row.ready} · ${row.restarts} restarts`],
            ['Conditions', conditions.map((c) => `${c.type}=${c.status}`).join(', ') || '—'],
            ['Owner', ownerText(row.ownerKind, row.ownerName, owner)],
            ['App', row.appName],
            ['Requests', `${formatCpu(row.cpuRequest)} CPU · ${formatBytes(row.memoryRequest)}`],
            ['Limits', `${formatCpu(row.cpuLimit)} CPU · ${formatBytes(row.memoryLimit)}`],
            ['Created', row.createdAt],
          ]}
        />
      </Section>
      <Section title="Node">
        {row.nodeName ? (
          <>
            <Facts
              items={[
                ['Node', row.nodeName],
                ['Node group', row.nodeGroup],
                ['Capacity', <CapacityBadge key="c" type={row.capacityType} />],
                ['Zone', row.zone],
                ['Instance type', row.instanceType],
              ]}
            />
            {!row.node && <p className="mt-1 text-amber-700 dark:text-amber-400">This node is no longer in the cluster.</p>}
            {node && (
              <div className="mt-2">
                <Usage label="CPU requested" used={node.requests.cpu} of={node.allocatable.cpu} pct={node.cpuRequestPct} fmt={formatCpu} />
                <Usage label="Memory requested" used={node.requests.memory} of={node.allocatable.memory} pct={node.memoryRequestPct} fmt={formatBytes} />
                <Usage label="Pods" used={node.podCount} of={node.allocatable.pods} pct={node.allocatable.pods ? Math.round((1000 * node.podCount) / node.allocatable.pods) / 10 : null} fmt={String} />
              </div>
            )}
            <a
              href={`/?f=${encodeURIComponent(`node_name=${row.nodeName}`)}`}
              onClick={(e) => {
                e.preventDefault();
                onPodsOnNode(row.nodeName!);
              }}
              className="mt-1 inline-block text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
            >
              All pods on this node →
            </a>
          </>
        ) : (
          <p className="text-neutral-500">Not scheduled</p>
        )}
      </Section>
      <Section title={`Events (${events.length})`}>
        <Events events={events} />
      </Section>
      <Section title="Containers">
        <table className="w-full text-left">
          <thead className="text-neutral-500">
            <tr>
              <th className="py-0.5 font-normal">Name</th>
              <th className="font-normal">Requests</th>
              <th className="font-normal">Limits</th>
            </tr>
          </thead>
          <tbody>
            {containers.map((c) => (
              <tr key={`${c.kind}:${c.name}`} className="border-t border-neutral-100 align-top dark:border-neutral-800">
                <td className="py-1 pr-2">
                  <div className="font-medium">
                    {c.name} {c.kind && <span className="rounded bg-neutral-100 px-1 text-[10px] text-neutral-600 dark:bg-neutral-800 dark:text-neutral-300">{c.kind}</span>}
                  </div>
                  <div className="break-all font-mono text-[10px] text-neutral-500">{c.image}</div>
                </td>
                <td className="font-mono text-[11px]">{Object.entries(c.resources?.requests ?? {}).map(([k, v]) => `${k} ${v}`).join(', ') || '—'}</td>
                <td className="font-mono text-[11px]">{Object.entries(c.resources?.limits ?? {}).map(([k, v]) => `${k} ${v}`).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Labels">
        <Labels labels={pod.metadata.labels} />
      </Section>
      <Section title="Tolerations">
        {tolerations.length ? (
          <ul className="font-mono text-[11px]">
            {tolerations.map((t, i) => (
              <li key={i}>{`${t.key ?? '*'} ${t.operator ?? 'Equal'} ${t.value ?? ''} ${t.effect ?? ''}`.trim()}</li>
            ))}
          </ul>
        ) : (
          <p className="text-neutral-500">none</p>
        )}
      </Section>
      {whole && 'pod' in whole ? (
        <YamlSection title="Pod YAML" obj={whole.pod} />
      ) : (
        <YamlSection title="Pod YAML (the fields the dashboard keeps)" obj={pod} note={`The whole object could not be fetched${whole ? `: ${whole.error}` : ' (the pod was replaced)'}.`} />
      )}
      {row.node && <YamlSection title="Node YAML" obj={row.node} />}
    </>
  );
}

/** Newest first. Messages are text from the cluster's controllers: rendered as text, never markup. */
function Events({ events }: { events: ClusterEvent[] }) {
  if (!events.length) return <p className="text-neutral-500">none held for this pod</p>;
  return (
    <ol data-testid="pod-events" className="space-y-1.5">
      {events.map((e) => (
        <li key={e.uid} data-testid="pod-event" data-reason={e.reason} className="border-l-2 pl-2 leading-4 border-neutral-200 dark:border-neutral-700">
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className={`font-semibold ${e.type === 'Warning' ? 'text-amber-700 dark:text-amber-400' : ''}`}>{e.reason}</span>
            <span className="text-[10px] text-neutral-500" suppressHydrationWarning>
              {formatClock(e.lastAt)}
              {e.count > 1 ? ` · ×${e.count}` : ''} · {e.component || 'unknown source'}
            </span>
          </div>
          <p className="break-words text-neutral-700 dark:text-neutral-300">{e.message}</p>
        </li>
      ))}
    </ol>
  );
}

function YamlSection({ title, obj, note }: { title: string; obj: object; note?: string }) {
  return (
    <details className="mb-2">
      <summary className="cursor-pointer text-[11px] font-semibold uppercase tracking-wide text-neutral-500">{title}</summary>
      {note && <p className="mt-1 text-amber-700 dark:text-amber-400">{note}</p>}
      <pre className="mt-1 max-h-[60vh] overflow-auto rounded bg-neutral-50 p-2 font-mono text-[11px] leading-4 dark:bg-neutral-900">{stringify(obj)}</pre>
    </details>
  );
}

/** The workload that owns the pod (a Deployment, not its ReplicaSet), and the direct owner when it differs. */
function ownerText(kind: string | null, name: string | null, direct: { kind: string; name: string } | undefined): string {
  if (!kind || !name) return direct ? `${direct.kind}/${direct.name}` : '—';
  const top = `${kind}/${name}`;
  return direct && (direct.kind !== kind || direct.name !== name) ? `${top} (via ${direct.kind}/${direct.name})` : top;
}
