// Small display helpers shared by the table, the summary strip and the drawer.
import { formatCpu as formatCpuExact } from '@/lib/podnode/quantity-format';
export { formatCpu, formatBytes } from '@/lib/podnode/quantity-format';

/** CPU summed over many pods: whole cores once the sum is large, `250m`/`1.5` below that. */
export function formatCpuTotal(millis: number): string {
  return millis >= 100_000 ? COUNT.format(Math.round(millis / 1000)) : formatCpuExact(millis);
}

/** kubectl's AGE: 45s, 12m, 5h, 3d, 2y */
export function formatAge(createdAt: string, now: number): string {
  const t = Date.parse(createdAt);
  if (!Number.isFinite(t)) return '—';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  return d < 730 ? `${d}d` : `${Math.floor(d / 365)}y`;
}

const COUNT = new Intl.NumberFormat('en-US');
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** HH:MM:SS in the viewer's time zone */
export function formatClock(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleTimeString('en-GB', { hour12: false });
}
