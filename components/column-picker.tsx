'use client';
// Show or hide the default columns, and add a column from any path (`node.metadata.labels[…]`,
// `pod.spec.containers[*].image`). A new path is checked by the query parser before it is added.
import { useState } from 'react';
import { parseQueryParams, QueryError, type Query } from '@/lib/query';
import { Popover } from '@/components/popover';
import { COLUMN_LABELS, DEFAULT_COLUMN_IDS } from '@/components/columns';
import { customColumnPaths } from '@/components/view';
import { rowFieldOfPath } from '@/lib/query';
import { queryInputClass, submitButtonClass } from '@/components/styles';

type Props = {
  query: Query;
  hidden: string[];
  onHiddenChange: (hidden: string[]) => void;
  onColumnsChange: (columns: Query['columns'], unhide?: string) => void;
};

export function ColumnPicker({ query, hidden, onHiddenChange, onColumnsChange }: Props) {
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const custom = customColumnPaths(query);
  const add = () => {
    const p = path.trim();
    if (!p) return;
    try {
      const parsed = parseQueryParams(new URLSearchParams({ o: p })).columns;
      const field = parsed.length === 1 ? rowFieldOfPath(parsed[0]!.path) : null;
      if (field) onColumnsChange(query.columns, field); // a row field is already a column: just show it
      else onColumnsChange([...query.columns.filter((c) => !parsed.some((n) => n.path === c.path)), ...parsed]);
      setPath('');
      setError(null);
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      setError(e.message);
    }
  };
  return (
    <Popover ariaLabel="Columns" label="Columns" align="right" active={hidden.length > 0 || custom.length > 0}>
      <fieldset className="grid grid-cols-2 gap-x-2 p-1">
        <legend className="px-1 pb-1 font-semibold text-neutral-500">Default columns</legend>
        {DEFAULT_COLUMN_IDS.map((id) => (
          <label key={id} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-neutral-100 dark:hover:bg-neutral-800">
            <input
              type="checkbox"
              className="accent-blue-600"
              checked={!hidden.includes(id)}
              onChange={(e) => onHiddenChange(e.target.checked ? hidden.filter((h) => h !== id) : [...hidden, id])}
            />
            {COLUMN_LABELS[id] ?? id}
          </label>
        ))}
      </fieldset>
      <div className="mt-1 border-t border-neutral-200 p-1 dark:border-neutral-700">
        <p className="pb-1 font-semibold text-neutral-500">Custom columns</p>
        {custom.map((p) => (
          <div key={p} className="flex items-center gap-1 py-0.5">
            <code className="flex-1 truncate text-[11px]">{p}</code>
            <button
              type="button"
              aria-label={`Remove column ${p}`}
              onClick={() => onColumnsChange(query.columns.filter((c) => c.path !== p))}
              className="rounded px-1 text-neutral-500 hover:bg-neutral-100 hover:text-red-600 dark:hover:bg-neutral-800"
            >
              ✕
            </button>
          </div>
        ))}
        <form
          className="flex gap-1 pt-1"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <input
            aria-label="Add column path"
            aria-invalid={error !== null}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder='node.metadata.labels["topology.kubernetes.io/zone"]'
            spellCheck={false}
            className={queryInputClass(error !== null, 'min-w-72 flex-1')}
          />
          <button type="submit" className={submitButtonClass}>
            Add
          </button>
        </form>
        {error && (
          <p role="alert" className="max-w-96 pt-1 font-mono text-[11px] text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
    </Popover>
  );
}
