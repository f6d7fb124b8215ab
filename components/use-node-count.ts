'use client';
// How many nodes the cluster has, for the header (the stream counts pods, not nodes).
import { useEffect, useState } from 'react';

export function useNodeCount(ctx: string | null): number | null {
  const [nodes, setNodes] = useState<number | null>(null);
  useEffect(() => {
    if (ctx) return; // /api/healthz reports the default context only
    let stop = false;
    const load = () =>
      fetch('/api/healthz')
        .then((r) => r.json())
        .then((b: { nodes?: unknown }) => {
          if (!stop && typeof b.nodes === 'number') setNodes(b.nodes);
        })
        .catch(() => undefined);
    load();
    const t = setInterval(load, 30_000);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, [ctx]);
  return nodes;
}
