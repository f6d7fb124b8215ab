// Human-readable CPU and memory for the table, the drawer and text output.
// Deliberately not Kubernetes' canonical form (`1536Mi`): people scan `1.5Gi` faster.

/** 250 → `250m`, 1500 → `1.5`, 2000 → `2`, 1234 → `1.234` (exact: parseCpuMillis gives it back). */
export function formatCpu(millis: number): string {
  if (!Number.isFinite(millis)) return String(millis);
  const sign = millis < 0 ? '-' : '';
  const abs = Math.abs(Math.round(millis));
  if (abs < 1000 && abs !== 0) return `${sign}${abs}m`;
  const whole = Math.floor(abs / 1000);
  const rest = abs % 1000;
  if (rest === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(rest).padStart(3, '0').replace(/0+$/, '')}`;
}

const BINARY_UNITS = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;

/** Binary units, at most 2 decimals, trailing zeros trimmed: `1.5Gi`, `512Mi`, `100Ki`, `512`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  let rounded = Math.round(value * 100) / 100;
  // 1023.999Mi would print as 1024Mi: carry into the next unit instead.
  if (rounded >= 1024 && unit < BINARY_UNITS.length - 1) {
    rounded = Math.round((rounded / 1024) * 100) / 100;
    unit++;
  }
  if (unit === 0) rounded = Math.round(value);
  return `${sign}${trimDecimals(rounded)}${BINARY_UNITS[unit]}`;
}

function trimDecimals(n: number): string {
  // toFixed(2) then trimming avoids float noise like 1.1500000000000001.
  return n.toFixed(2).replace(/\.?0+$/, '');
}
