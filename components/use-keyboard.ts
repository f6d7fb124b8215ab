'use client';
// `/` focuses the quick filter, `j`/`k` move through rows, `Enter` opens, `Esc` closes or leaves
// an input. Letters typed into inputs are left alone.
import { useEffect, useRef } from 'react';

type Options = {
  searchRef: React.RefObject<HTMLInputElement | null>;
  count: number;
  setActiveIndex: (fn: (i: number) => number) => void;
  onEnter: () => void;
  onEscape: () => void;
};

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function useKeyboard(options: Options) {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const o = latest.current;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === 'Escape') {
        if (typingIn(e.target)) (e.target as HTMLElement).blur();
        o.onEscape();
        return;
      }
      if (typingIn(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        o.searchRef.current?.focus();
        o.searchRef.current?.select();
      } else if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        o.setActiveIndex((i) => Math.min(o.count - 1, i + 1));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        o.setActiveIndex((i) => Math.max(0, i - 1));
      } else if (e.key === 'Enter' && (e.target as HTMLElement | null)?.tagName !== 'BUTTON' && (e.target as HTMLElement | null)?.tagName !== 'A') {
        o.onEnter();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
