'use client';
// The node and workload views' query box: the view's query as flags, edited and applied with
// Enter. The CLI's parser reads it and the view's own schema checks it, so a query the server would
// refuse is refused here, with the same message, before any request.
import { useState } from 'react';
import { compileRecordQuery, parseKkCommand, QueryError, type Query, type RecordSchema } from '@/lib/query';
import { queryInputClass, submitButtonClass } from '@/components/styles';
import { queryToFlags } from '@/components/query-flags';

type Props<R> = { query: Query; schema: RecordSchema<R>; placeholder: string; onApply: (query: Query) => void };

export function FlagsBox<R>({ query, schema, placeholder, onApply }: Props<R>) {
  const shown = queryToFlags(query);
  const [draft, setDraft] = useState(shown);
  const [seen, setSeen] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  if (shown !== seen) {
    setSeen(shown);
    setDraft(shown);
    setError(null);
  }
  const apply = () => {
    try {
      const next = parseKkCommand(draft);
      compileRecordQuery(next, schema);
      setError(null);
      onApply(next);
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      setError(e.message);
    }
  };
  return (
    <form className="flex min-w-0 flex-1 flex-col" onSubmit={(e) => { e.preventDefault(); apply(); }}>
      <div className="flex gap-1">
        <input
          aria-label="query flags"
          aria-invalid={error !== null}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={placeholder}
          spellCheck={false}
          className={queryInputClass(error !== null, 'min-w-0 flex-1')}
        />
        <button type="submit" className={submitButtonClass}>Apply</button>
      </div>
      {error && <p role="alert" className="mt-0.5 font-mono text-[11px] text-red-600 dark:text-red-400">{error}</p>}
    </form>
  );
}
