'use client';
// Paste a `kk get podnode …` or `kubectl podnode …` command; it becomes the view. The parser is
// the CLI's own, so a command that works in the terminal works here, and one that does not says why.
import { useState } from 'react';
import { parseKkCommand, QueryError, type Query } from '@/lib/query';
import { queryInputClass, submitButtonClass } from '@/components/styles';

type Props = { onApply: (query: Query) => void };

export function KkBox({ onApply }: Props) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    if (!draft.trim()) return;
    try {
      onApply(parseKkCommand(draft));
      setError(null);
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      setError(e.message);
    }
  };
  return (
    <form
      className="flex min-w-0 flex-1 flex-col"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <div className="flex gap-1">
        <input
          aria-label="kk command"
          aria-invalid={error !== null}
          aria-describedby={error ? 'kk-error' : undefined}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="kk get podnode -l app=web -f node_lifecycle=spot -o pod_name,node.metadata.labels.zone"
          spellCheck={false}
          className={queryInputClass(error !== null, 'min-w-0 flex-1')}
        />
        <button type="submit" className={submitButtonClass}>
          Apply
        </button>
      </div>
      {error && (
        <p id="kk-error" role="alert" className="mt-0.5 font-mono text-[11px] text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
