// Kubernetes resource quantities (apimachinery resource.Quantity), parsed exactly.
//
// Every quantity Kubernetes accepts is a whole number of nano-units once parsed (finer values are
// rounded up to 1n), so we hold the exact value as a BigInt count of nanos and only turn it into a
// JS number at the edge (millicores, bytes). Floats would drift on `0.1` and lose `1Ei`.

type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export type Quantity = {
  /** the exact value in units of 10^-9 (nanocores, nanobytes) */
  nanos: bigint;
  format: QuantityFormat;
};

export class QuantityError extends Error {
  constructor(
    readonly input: string,
    why: string,
  ) {
    super(`invalid quantity ${JSON.stringify(input)}: ${why}`);
    this.name = 'QuantityError';
  }
}

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
// Characters Kubernetes' scanner lets into a suffix before an optional signed integer exponent.
const SUFFIX_SHAPE = /^[eEinumkKMGTP]*[-+]?[0-9]*$/;
const EXPONENT_SHAPE = /^[eE][-+]?[0-9]+$/;
// Kubernetes caps binary-SI quantities at 2^63-1 units.
const BINARY_MAX_NANOS = ((1n << 63n) - 1n) * 1_000_000_000n;
// Kubernetes would accept 1e999999999 or a megabyte of digits; we refuse to build BigInts that big.
const MAX_EXPONENT = 1000;
const MAX_LENGTH = 128;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** |a| / b rounded up in magnitude (Kubernetes rounds sub-nano values up, never to zero). */
function divUp(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b === 0n ? q : q + 1n;
}

type Suffix = { base: 10 | 2; exponent: number; format: QuantityFormat };

function interpretSuffix(input: string, suffix: string): Suffix {
  const dec = DECIMAL_SUFFIX[suffix];
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIX[suffix];
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  // `1E` is exa (above); `1E3` and `1e3` are exponents.
  if (EXPONENT_SHAPE.test(suffix)) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) > MAX_EXPONENT) throw new QuantityError(input, 'exponent out of range');
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw new QuantityError(input, `unknown suffix ${JSON.stringify(suffix)}`);
}

/**
 * Parse a quantity exactly as Kubernetes' ParseQuantity does, including its leniencies:
 * `+1`, `.5`, `1.`, and even a bare `-` or `.` (both zero) are accepted.
 */
export function parseQuantity(input: string): Quantity {
  if (input.length === 0) throw new QuantityError(input, 'empty');
  if (input.length > MAX_LENGTH) throw new QuantityError(input, `longer than ${MAX_LENGTH} characters`);
  let pos = 0;
  let negative = false;
  if (input[0] === '-' || input[0] === '+') {
    negative = input[0] === '-';
    pos = 1;
  }
  const intStart = pos;
  while (pos < input.length && isDigit(input.charCodeAt(pos))) pos++;
  const whole = input.slice(intStart, pos);
  let fraction = '';
  if (input[pos] === '.') {
    const fracStart = ++pos;
    while (pos < input.length && isDigit(input.charCodeAt(pos))) pos++;
    fraction = input.slice(fracStart, pos);
  }
  const suffix = input.slice(pos);
  if (!SUFFIX_SHAPE.test(suffix)) throw new QuantityError(input, 'not a number with an optional suffix');
  const { base, exponent, format } = interpretSuffix(input, suffix);

  const mantissa = BigInt((whole + fraction) || '0');
  let nanos: bigint;
  if (base === 10) {
    const shift = exponent - fraction.length + 9;
    nanos = shift >= 0 ? mantissa * pow10(shift) : divUp(mantissa, pow10(-shift));
  } else {
    const scaled = mantissa << BigInt(exponent);
    const shift = 9 - fraction.length;
    nanos = shift >= 0 ? scaled * pow10(shift) : divUp(scaled, pow10(-shift));
    if (nanos > BINARY_MAX_NANOS) nanos = BINARY_MAX_NANOS;
  }
  return { nanos: negative ? -nanos : nanos, format };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ceil(nanos / unit) as a JS number: Kubernetes' ScaledValue rounds up. */
export function nanosToUnitsCeil(nanos: bigint, unitNanos: bigint): number {
  if (nanos >= 0n) return Number(divUp(nanos, unitNanos));
  return -Number(-nanos / unitNanos);
}

/** Millicores, rounded up like Quantity.MilliValue(): `100u` → 1, `0.5` → 500. */
export function parseCpuMillis(q: string): number {
  return nanosToUnitsCeil(parseQuantity(q).nanos, 1_000_000n);
}

/** Bytes, rounded up like Quantity.Value(): `1.5Gi` → 1610612736, `100m` → 1. */
export function parseBytes(q: string): number {
  return nanosToUnitsCeil(parseQuantity(q).nanos, 1_000_000_000n);
}
