// The disruption controller's budget math: rounding, which count is "expected", clamping, and the
// DisruptionAllowed condition.
import { describe, expect, it } from 'vitest';
import { type PdbCondition, pdbNumbers, pdbStatus, scaledValue } from './pdb-status';

describe('scaledValue (GetScaledValueFromIntOrPercent, roundUp)', () => {
  it('passes integers through and rounds percentages up', () => {
    expect(scaledValue(3, 10)).toBe(3);
    expect(scaledValue('50%', 3)).toBe(2);
    expect(scaledValue('25%', 2)).toBe(1);
    expect(scaledValue('25%', 8)).toBe(2);
    expect(scaledValue('1%', 1)).toBe(1);
    expect(scaledValue('0%', 7)).toBe(0);
    expect(scaledValue('100%', 7)).toBe(7);
    expect(() => scaledValue('half', 4)).toThrow(/not a percentage/);
  });
});

describe('pdbNumbers', () => {
  it('integer minAvailable expects the matched pods, whatever the controller scale', () => {
    expect(pdbNumbers({ minAvailable: 2 }, { matched: 5, healthy: 4, scale: 3 }))
      .toEqual({ expectedPods: 5, desiredHealthy: 2, currentHealthy: 4, disruptionsAllowed: 2 });
  });

  it('percentage minAvailable expects the controller scale and rounds the desired count up', () => {
    expect(pdbNumbers({ minAvailable: '50%' }, { matched: 4, healthy: 3, scale: 3 }))
      .toEqual({ expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 });
  });

  it('maxUnavailable expects the controller scale; the rounded-up share is taken off it', () => {
    expect(pdbNumbers({ maxUnavailable: 1 }, { matched: 2, healthy: 2, scale: 2 }))
      .toEqual({ expectedPods: 2, desiredHealthy: 1, currentHealthy: 2, disruptionsAllowed: 1 });
    expect(pdbNumbers({ maxUnavailable: '25%' }, { matched: 6, healthy: 6, scale: 6 }))
      .toEqual({ expectedPods: 6, desiredHealthy: 4, currentHealthy: 6, disruptionsAllowed: 2 });
    // more unavailable allowed than there are pods: desired clamps at 0
    expect(pdbNumbers({ maxUnavailable: 5 }, { matched: 2, healthy: 1, scale: 2 }).desiredHealthy).toBe(0);
  });

  it('allows nothing when healthy pods do not exceed the desired count, or when no pods are expected', () => {
    expect(pdbNumbers({ minAvailable: 3 }, { matched: 3, healthy: 3, scale: 3 }).disruptionsAllowed).toBe(0);
    expect(pdbNumbers({ minAvailable: 3 }, { matched: 3, healthy: 1, scale: 3 }).disruptionsAllowed).toBe(0);
    expect(pdbNumbers({ minAvailable: 0 }, { matched: 0, healthy: 0, scale: 0 }))
      .toEqual({ expectedPods: 0, desiredHealthy: 0, currentHealthy: 0, disruptionsAllowed: 0 });
    expect(pdbNumbers({ maxUnavailable: '100%' }, { matched: 0, healthy: 0, scale: 0 }).disruptionsAllowed).toBe(0);
  });
});

describe('pdbStatus', () => {
  it('writes the controller\'s status with a DisruptionAllowed condition', () => {
    const s = pdbStatus({ expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 }, 1, '2026-12-02T10:00:00Z');
    expect(s).toEqual({ observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: '2026-12-02T10:00:00Z', reason: 'SufficientPods', message: '' }] });
    const blocked = pdbStatus({ expectedPods: 1, desiredHealthy: 1, currentHealthy: 1, disruptionsAllowed: 0 }, 1, '2026-12-02T10:00:00Z');
    expect(blocked.conditions).toEqual([expect.objectContaining({ status: 'False', reason: 'InsufficientPods' })]);
  });

  it('keeps the transition time while the condition status holds, and moves it when it flips', () => {
    const first = (pdbStatus({ expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 }, 1, 'T1').conditions as PdbCondition[])[0];
    const same = (pdbStatus({ expectedPods: 4, desiredHealthy: 2, currentHealthy: 4, disruptionsAllowed: 2 }, 1, 'T2', first).conditions as PdbCondition[])[0];
    expect(same?.lastTransitionTime).toBe('T1');
    const flipped = (pdbStatus({ expectedPods: 3, desiredHealthy: 2, currentHealthy: 2, disruptionsAllowed: 0 }, 1, 'T3', same).conditions as PdbCondition[])[0];
    expect(flipped).toMatchObject({ status: 'False', lastTransitionTime: 'T3' });
  });
});
