// Requested against allocatable as a bar, limits as a tick on it (past the end: overcommitted).
// The numbers are always in the text too; the bar only speeds up scanning.

type Props = { label: string; request: number; limit: number; allocatable: number; text: string; testId: string };

function tone(pct: number): string {
  if (pct >= 90) return 'bg-red-500';
  if (pct >= 70) return 'bg-amber-500';
  return 'bg-emerald-500';
}

export function UsageBar({ label, request, limit, allocatable, text, testId }: Props) {
  const pct = allocatable > 0 ? (request / allocatable) * 100 : 0;
  const limitPct = allocatable > 0 ? (limit / allocatable) * 100 : 0;
  const title = `${label}: ${text}${limit > 0 ? `; limits ${Math.round(limitPct)}% of allocatable` : ''}`;
  return (
    <span className="flex w-full items-center gap-1.5" title={title} data-testid={testId} data-request={request} data-limit={limit} data-allocatable={allocatable}>
      <span className="relative h-2 w-12 shrink-0 overflow-visible rounded-sm bg-neutral-200 dark:bg-neutral-700" aria-hidden>
        <span className={`absolute inset-y-0 left-0 rounded-sm ${tone(pct)}`} style={{ width: `${Math.min(100, pct)}%` }} />
        {limit > 0 && (
          <span className={`absolute -inset-y-0.5 w-0.5 ${limitPct > 100 ? 'bg-red-700 dark:bg-red-400' : 'bg-neutral-700 dark:bg-neutral-200'}`} style={{ left: `${Math.min(100, limitPct)}%` }} />
        )}
      </span>
      <span className="truncate tabular-nums">{text}</span>
    </span>
  );
}
