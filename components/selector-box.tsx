'use client';
// A label-selector input (`l` for pod labels, `nl` for node labels). The view only changes when
// the selector parses; while it does not, the parser's message shows and the last good view stays.
import { useState } from 'react';
import { parseQueryParams, QueryError } from '@/lib/query';
import { queryInputClass } from '@/components/styles';

type Props = {
  param: 'l' | 'nl';
  label: string;
  value: string;
  onChange: (selector: string | undefined) => void;
};

export function SelectorBox({ param, label, value, onChange }: Props) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [error, setError] = useState<string | null>(null);
  // The URL moved under us (back/forward, clear-all, kk box): show what it holds now.
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
    setError(null);
  }
  const commit = (text: string) => {
    const trimmed = text.trim();
    try {
      const q = parseQueryParams(new URLSearchParams(trimmed ? { [param]: trimmed } : {}));
      setError(null);
      const next = param === 'l' ? q.labelSelector : q.nodeSelector;
      setSeen(next ?? '');
      onChange(next || undefined);
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      setError(e.message);
    }
  };
  return (
    <div className="relative flex w-56 flex-col">
      <input
        aria-label={label}
        aria-invalid={error !== null}
        title={error ?? label}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          commit(e.target.value);
        }}
        placeholder={param === 'l' ? '-l app=web,tier in (a,b)' : '--node-selector zone=a'}
        spellCheck={false}
        className={queryInputClass(error !== null, 'w-full')}
      />
      {error && (
        <p role="alert" className="absolute top-7 z-20 mt-0.5 max-w-96 rounded bg-red-50 px-1.5 py-0.5 font-mono text-[11px] text-red-700 shadow dark:bg-red-950 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
