// Helpers the Table printers share: column definitions and kubectl's age format.
export type ColumnDefinition = { name: string; type: string; format: string; description: string; priority: number };

export const col = (name: string, type = 'string', priority = 0, format = ''): ColumnDefinition =>
  ({ name, type, format, description: `${name} column`, priority });

/** kubectl's HumanDuration: 45s, 3m20s, 12m, 5h3m, 20h, 3d4h, 40d, 2y */
export function humanAge(since: string | undefined | null, now = Date.now()): string {
  if (!since) return '<unknown>';
  const s = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const m = Math.floor(s / 60); const h = Math.floor(m / 60); const d = Math.floor(h / 24);
  if (s < 120) return `${s}s`;
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (h < 3) return `${m}m`;
  if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  if (h < 48) return `${h}h`;
  if (d < 8) return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
  if (d < 730) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}
