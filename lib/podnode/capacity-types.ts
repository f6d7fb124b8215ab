// The capacity-type label table: which node label says spot, on-demand, reserved or fargate.
//
// HOW TO CHANGE IT
// - In code: edit DEFAULT_CAPACITY_TABLE below. Rules are tried top to bottom and the first rule
//   whose label is present AND whose value is listed wins; a listed label with an unlisted value
//   falls through to the next rule. Nothing matching → 'unknown'.
// - Per deployment, without a rebuild: point env PODNODE_CAPACITY_TABLE at a JSON file holding
//   the same shape (a bare array of rules, or { "rules": [...] }); it REPLACES this table, so copy
//   the rules you still want. It is validated by loadCapacityTable().
// - A rule: { "label": "<node label key>", "values": { "<value>": "<type>", ... } }.
//   "*" as a value matches any value (the AKS fallback below). Values compare case-insensitively
//   (kk's `lifecycle` label comes as `Ec2Spot`, `spot`, `OnDemand`, ...) unless the rule says
//   "caseSensitive": true.
import { z } from 'zod';
import { CAPACITY_TYPES, type CapacityType } from './types';

type CapacityRule = {
  label: string;
  values: Readonly<Record<string, CapacityType>>;
  caseSensitive?: boolean;
};
export type CapacityTable = readonly CapacityRule[];

export const DEFAULT_CAPACITY_TABLE: CapacityTable = [
  { label: 'karpenter.sh/capacity-type', values: { spot: 'spot', 'on-demand': 'on-demand', reserved: 'reserved' } },
  { label: 'eks.amazonaws.com/capacityType', values: { SPOT: 'spot', ON_DEMAND: 'on-demand', CAPACITY_BLOCK: 'reserved' } },
  { label: 'eks.amazonaws.com/compute-type', values: { fargate: 'fargate' } },
  { label: 'node.kubernetes.io/lifecycle', values: { spot: 'spot', normal: 'on-demand', 'on-demand': 'on-demand' } },
  { label: 'lifecycle', values: { Ec2Spot: 'spot', spot: 'spot', OnDemand: 'on-demand', ondemand: 'on-demand', normal: 'on-demand' } },
  { label: 'node-role.kubernetes.io/spot-worker', values: { true: 'spot' } },
  { label: 'aws.amazon.com/spot', values: { true: 'spot' } },
  { label: 'spotinst.io/node-lifecycle', values: { spot: 'spot', od: 'on-demand' } },
  { label: 'cloud.google.com/gke-spot', values: { true: 'spot' } },
  { label: 'cloud.google.com/gke-preemptible', values: { true: 'spot' } },
  { label: 'cloud.google.com/gke-provisioning', values: { spot: 'spot', preemptible: 'spot', standard: 'on-demand' } },
  // AKS labels only spot pools (regular pools usually carry no priority label at all) ...
  { label: 'kubernetes.azure.com/scalesetpriority', values: { spot: 'spot', regular: 'on-demand' } },
  // ... so any other AKS node, recognisable by its agent pool, is on-demand. Keep this rule last.
  { label: 'kubernetes.azure.com/agentpool', values: { '*': 'on-demand' } },
  { label: 'agentpool', values: { '*': 'on-demand' } },
  { label: 'cloud.google.com/reservation-name', values: { '*': 'reserved' } },
  // a GKE node with none of the spot, preemptible or provisioning labels above is standard capacity
  { label: 'cloud.google.com/gke-nodepool', values: { '*': 'on-demand' } },
];

const ruleSchema = z.strictObject({
  label: z.string().min(1),
  values: z.record(z.string(), z.enum(CAPACITY_TYPES as [CapacityType, ...CapacityType[]])),
  caseSensitive: z.boolean().optional(),
});
const rulesSchema = z.array(ruleSchema);
const wrappedSchema = z.strictObject({ rules: rulesSchema });

export class CapacityTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CapacityTableError';
  }
}

/** Validate a parsed JSON override (e.g. the file named by PODNODE_CAPACITY_TABLE). */
export function loadCapacityTable(json: unknown): CapacityTable {
  // Pick the schema by shape so the error talks about the user's rules, not about a union.
  const wrapped = typeof json === 'object' && json !== null && !Array.isArray(json);
  const parsed = wrapped ? wrappedSchema.safeParse(json) : rulesSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
      .join('; ');
    throw new CapacityTableError(
      `capacity table: expected [{ label, values: { "<value>": "${CAPACITY_TYPES.join('|')}" } }, ...]; ${where}`,
    );
  }
  return 'rules' in parsed.data ? parsed.data.rules : parsed.data;
}

type CompiledRule = { label: string; byValue: Map<string, CapacityType>; anyValue?: CapacityType; caseSensitive: boolean };
// Compiled once per table object: capacityTypeOf runs per node, and per row at 150k rows.
const compiledTables = new WeakMap<CapacityTable, CompiledRule[]>();

function compile(table: CapacityTable): CompiledRule[] {
  let compiled = compiledTables.get(table);
  if (compiled) return compiled;
  compiled = table.map((rule) => {
    const caseSensitive = rule.caseSensitive === true;
    const byValue = new Map<string, CapacityType>();
    let anyValue: CapacityType | undefined;
    for (const [value, type] of Object.entries(rule.values)) {
      if (value === '*') anyValue = type;
      else byValue.set(caseSensitive ? value : value.toLowerCase(), type);
    }
    return { label: rule.label, byValue, anyValue, caseSensitive };
  });
  compiledTables.set(table, compiled);
  return compiled;
}

/** The node's capacity type by the first rule that matches its labels; 'unknown' when none does. */
export function capacityTypeOf(
  nodeLabels: Readonly<Record<string, string>> | undefined,
  table: CapacityTable = DEFAULT_CAPACITY_TABLE,
): CapacityType {
  if (!nodeLabels) return 'unknown';
  for (const rule of compile(table)) {
    if (!Object.hasOwn(nodeLabels, rule.label)) continue;
    const raw = nodeLabels[rule.label];
    if (typeof raw !== 'string') continue;
    const type = rule.byValue.get(rule.caseSensitive ? raw : raw.toLowerCase()) ?? rule.anyValue;
    if (type) return type;
  }
  return 'unknown';
}
