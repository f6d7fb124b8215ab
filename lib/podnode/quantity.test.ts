import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseBytes, parseCpuMillis, parseQuantity, QuantityError } from './quantity';
import { formatBytes, formatCpu } from './quantity-format';

// Expected values follow apimachinery's ParseQuantity + MilliValue()/Value().
describe('parseQuantity', () => {
  it.each([
    ['0', 0n, 'DecimalSI'],
    ['500m', 500_000_000n, 'DecimalSI'],
    ['0.5', 500_000_000n, 'DecimalSI'],
    ['2', 2_000_000_000n, 'DecimalSI'],
    ['+1', 1_000_000_000n, 'DecimalSI'],
    ['.5', 500_000_000n, 'DecimalSI'],
    ['1.', 1_000_000_000n, 'DecimalSI'],
    ['100n', 100n, 'DecimalSI'],
    ['100u', 100_000n, 'DecimalSI'],
    ['1k', 1_000_000_000_000n, 'DecimalSI'],
    ['129M', 129_000_000n * 1_000_000_000n, 'DecimalSI'],
    ['1E', 10n ** 27n, 'DecimalSI'],
    ['1e3', 1000n * 1_000_000_000n, 'DecimalExponent'],
    ['1E3', 1000n * 1_000_000_000n, 'DecimalExponent'],
    ['1e+3', 1000n * 1_000_000_000n, 'DecimalExponent'],
    ['1e-3', 1_000_000n, 'DecimalExponent'],
    ['1Ki', 1024n * 1_000_000_000n, 'BinarySI'],
    ['123Mi', 123n * 1024n ** 2n * 1_000_000_000n, 'BinarySI'],
    ['1.5Gi', 1_610_612_736n * 1_000_000_000n, 'BinarySI'],
    ['-1', -1_000_000_000n, 'DecimalSI'],
    // Kubernetes rounds anything finer than a nano up to 1n rather than down to zero.
    ['0.1n', 1n, 'DecimalSI'],
    ['1e-12', 1n, 'DecimalExponent'],
    // ParseQuantity's scanner accepts a bare sign or dot as zero; so do we.
    ['-', 0n, 'DecimalSI'],
    ['.', 0n, 'DecimalSI'],
  ] as const)('%s', (input, nanos, format) => {
    expect(parseQuantity(input)).toEqual({ nanos, format });
  });

  it('caps binary quantities at 2^63-1 units like Kubernetes', () => {
    expect(parseQuantity('100000Ei').nanos).toBe(((1n << 63n) - 1n) * 1_000_000_000n);
  });

  it.each(['', ' 1', '1 ', 'abc', '1.2.3', '1ki', '1K', '1e', '1e3i', '1Mi3', '1m3', '1EE', '1e1.5', '--1', '1b', '0x10', '1e99999', '1'.repeat(129)])(
    'rejects %j with a QuantityError naming the input',
    (input) => {
      expect(() => parseQuantity(input)).toThrow(QuantityError);
      try {
        parseQuantity(input);
      } catch (e) {
        expect((e as QuantityError).input).toBe(input);
        expect((e as Error).message).toContain(JSON.stringify(input));
      }
    },
  );
});

describe('parseCpuMillis / parseBytes round up like MilliValue / Value', () => {
  it.each([
    ['500m', 500],
    ['0.5', 500],
    ['2', 2000],
    ['1e3', 1_000_000],
    ['100u', 1],
    ['100n', 1],
    ['1001u', 2],
    ['0.1', 100],
    ['250m', 250],
  ] as const)('cpu %s → %d', (q, millis) => expect(parseCpuMillis(q)).toBe(millis));

  it.each([
    ['129M', 129_000_000],
    ['123Mi', 128_974_848],
    ['1Ki', 1024],
    ['1.5Gi', 1_610_612_736],
    ['100m', 1],
    ['1e3', 1000],
    ['64Gi', 68_719_476_736],
  ] as const)('memory %s → %d', (q, bytes) => expect(parseBytes(q)).toBe(bytes));
});

describe('formatCpu / formatBytes', () => {
  it.each([
    [250, '250m'],
    [1500, '1.5'],
    [2000, '2'],
    [1234, '1.234'],
    [1050, '1.05'],
    [0, '0'],
  ])('cpu %d → %s', (m, s) => expect(formatCpu(m)).toBe(s));

  it.each([
    [1_610_612_736, '1.5Gi'],
    [512 * 1024 ** 2, '512Mi'],
    [100 * 1024, '100Ki'],
    [512, '512'],
    [0, '0'],
    [1024 ** 3 - 1, '1Gi'],
    [1.25 * 1024 ** 4, '1.25Ti'],
  ])('bytes %d → %s', (b, s) => expect(formatBytes(b)).toBe(s));

  it('cpu round-trips exactly through parseCpuMillis', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (m) => parseCpuMillis(formatCpu(m)) === m));
  });

  it('bytes round-trip within the 2-decimal precision of the chosen unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (b) => {
        const back = parseBytes(formatBytes(b));
        return Math.abs(back - b) / b <= 0.005;
      }),
    );
  });
});
