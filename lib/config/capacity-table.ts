// The capacity-type label table in force: the built-in one (lib/podnode/capacity-types.ts), or a
// JSON file named by PODNODE_CAPACITY_TABLE for clusters with their own spot labels. Read once per
// process; a bad file is a startup error that names the file, never a silent fallback.
import fs from 'node:fs';
import { DEFAULT_CAPACITY_TABLE, loadCapacityTable, type CapacityTable } from '@/lib/podnode';

const g = globalThis as typeof globalThis & { __podnodeCapacityTable?: CapacityTable };

export function capacityTableFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): CapacityTable {
  if (g.__podnodeCapacityTable) return g.__podnodeCapacityTable;
  const file = env.PODNODE_CAPACITY_TABLE;
  let table = DEFAULT_CAPACITY_TABLE;
  if (file) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`PODNODE_CAPACITY_TABLE=${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    try {
      table = loadCapacityTable(json);
    } catch (err) {
      throw new Error(`PODNODE_CAPACITY_TABLE=${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return (g.__podnodeCapacityTable = table);
}
