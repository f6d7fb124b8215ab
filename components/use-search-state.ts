'use client';
// A derived view's URL state: the search string is the view. A change pushes a history entry
// (back restores the previous view); popstate brings the URL's view back.
import { useCallback, useEffect, useState } from 'react';

export function useSearchState(initialSearch: string): [URLSearchParams, (next: URLSearchParams) => void] {
  const [search, setSearch] = useState(initialSearch);
  useEffect(() => {
    const onPop = () => setSearch(window.location.search.replace(/^\?/, ''));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const set = useCallback((next: URLSearchParams) => {
    const text = next.toString();
    setSearch(text);
    const url = `${window.location.pathname}${text ? `?${text}` : ''}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
  }, []);
  return [new URLSearchParams(search), set];
}
