'use client';
// A button that opens a panel below it; closes on outside click and Esc. Enough for the filter
// menus without a UI library.
import { useEffect, useId, useRef, useState } from 'react';

type Props = {
  label: React.ReactNode;
  ariaLabel: string;
  active?: boolean;
  align?: 'left' | 'right';
  children: React.ReactNode | ((close: () => void) => React.ReactNode);
};

export function Popover({ label, ariaLabel, active, align = 'left', children }: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-label={ariaLabel}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className={`flex h-7 items-center gap-1 rounded border px-2 text-xs ${
          active
            ? 'border-blue-400 bg-blue-50 text-blue-900 dark:border-blue-500/60 dark:bg-blue-500/10 dark:text-blue-200'
            : 'border-neutral-300 bg-white hover:bg-neutral-50 dark:border-neutral-700 dark:bg-neutral-900 dark:hover:bg-neutral-800'
        }`}
      >
        {label}
        <span aria-hidden className="text-[9px] text-neutral-400">▼</span>
      </button>
      {open && (
        <div
          id={id}
          className={`absolute top-8 z-30 min-w-56 rounded-md border border-neutral-200 bg-white p-1 text-xs shadow-lg dark:border-neutral-700 dark:bg-neutral-900 ${
            align === 'right' ? 'right-0' : 'left-0'
          }`}
        >
          {typeof children === 'function' ? children(() => setOpen(false)) : children}
        </div>
      )}
    </div>
  );
}
