'use client';
// Live rows inserted or removed above the viewport would push what the user is reading up or
// down. Keep the first visible row where it was; a changed query, sort or filter starts at the top.
import { useLayoutEffect, useRef } from 'react';
import type { ListItem } from '@/components/row-order';
import type { RowList } from '@/components/row-list';

const keyOf = (it: ListItem) => (it.kind === 'group' ? `g:${it.key}` : it.row.uid);

export function useScrollAnchor(scrollRef: React.RefObject<HTMLElement | null>, list: RowList<ListItem>, rowHeight: number, viewKey: string) {
  const anchor = useRef<{ key: string; index: number } | null>(null);
  const lastView = useRef(viewKey);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const items = list.items;
    const record = () => {
      const index = Math.floor(el.scrollTop / rowHeight);
      const it = items[index];
      anchor.current = it ? { key: keyOf(it), index } : null;
    };
    if (lastView.current !== viewKey) {
      lastView.current = viewKey;
      anchor.current = null;
      if (el.scrollTop !== 0) el.scrollTop = 0;
    } else if (anchor.current && el.scrollTop > 0) {
      const { key, index } = anchor.current;
      if (items[index] === undefined || keyOf(items[index]) !== key) {
        const moved = items.findIndex((it) => keyOf(it) === key);
        if (moved >= 0) el.scrollTop += (moved - index) * rowHeight;
      }
    }
    record();
    el.addEventListener('scroll', record, { passive: true });
    return () => el.removeEventListener('scroll', record);
  }, [scrollRef, list, rowHeight, viewKey]);
}
