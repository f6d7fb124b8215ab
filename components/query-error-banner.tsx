// The parser's message, inline, where the table would be: a bad query never crashes the page.
export function QueryErrorBanner({ message, param }: { message: string; param?: string }) {
  return (
    <div role="alert" data-testid="query-error" className="border-b border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-300">
      <b className="font-semibold">Invalid query{param ? ` (${param})` : ''}:</b> <span className="font-mono">{message}</span>
    </div>
  );
}
