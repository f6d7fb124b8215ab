// Why the table is empty, inline where the table would be: a bad query or an unreachable cluster
// never crashes the page, and the two are never confused.
export function QueryErrorBanner({ message, param }: { message: string; param?: string }) {
  return (
    <div role="alert" data-testid="query-error" className="border-b border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-300">
      <b className="font-semibold">Invalid query{param ? ` (${param})` : ''}:</b> <span className="font-mono">{message}</span>
    </div>
  );
}

export function ClusterErrorBanner({ message }: { message: string }) {
  return (
    <div role="alert" data-testid="cluster-error" className="border-b border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
      <b className="font-semibold">No cluster data:</b> <span className="font-mono">{message}</span> — retrying.
    </div>
  );
}

/** What the dashboard's credentials may not read, and what would let them: shown while it lasts. */
export function LimitsBanner({ limits }: { limits: readonly string[] }) {
  return (
    <div role="status" data-testid="limits" className="border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
      <b className="font-semibold">Partial view:</b>
      <ul className="inline">
        {limits.map((l) => (
          <li key={l} className="ml-1 inline">
            {l}
          </li>
        ))}
      </ul>
    </div>
  );
}
