// kk users filtered the raw `lifecycle` label (`-f node_lifecycle=Ec2Spot`), and clusters spell
// capacity many ways (SPOT, ON_DEMAND, regular, od…). A clause on the capacity type accepts every
// spelling the capacity table knows and means the normalised type, so a pasted kk command works.
import type { CapacityType } from '@/lib/podnode/types';

const SPELLINGS: Record<CapacityType, readonly string[]> = {
  spot: ['spot', 'ec2spot', 'preemptible', 'spot-instance'],
  'on-demand': ['on-demand', 'ondemand', 'on_demand', 'normal', 'regular', 'od', 'standard'],
  reserved: ['reserved', 'capacity_block', 'capacity-block'],
  fargate: ['fargate'],
  unknown: ['unknown', 'na'],
};

const BY_SPELLING = new Map<string, CapacityType>(
  (Object.entries(SPELLINGS) as [CapacityType, readonly string[]][]).flatMap(([type, words]) => words.map((w): [string, CapacityType] => [w, type])),
);

/** The normalised capacity type a user meant by `value`, or the value itself when it names none. */
export function capacityTypeSpelling(value: string): string {
  return BY_SPELLING.get(value.toLowerCase()) ?? value;
}
