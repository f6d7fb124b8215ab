// The cut before JSON.parse must give exactly what parsing everything and then deleting every
// array-valued managedFields member would: for any JSON, strings full of quotes, backslashes,
// brackets and the very text searched for included.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseWithoutManagedFields, withoutManagedFields } from './managed-fields';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The model: every object member named managedFields whose value is an array, gone. */
function dropManaged(v: Json): Json {
  if (Array.isArray(v)) return v.map(dropManaged);
  if (v === null || typeof v !== 'object') return v;
  const out: { [k: string]: Json } = {};
  for (const [k, x] of Object.entries(v)) if (!(k === 'managedFields' && Array.isArray(x))) out[k] = dropManaged(x);
  return out;
}

const tricky = fc.constantFrom('"managedFields":[', '\\"managedFields\\":[', 'managedFields', '\\', '"', '[', ']', '{', '}', ',', ':', ' ', 'é', '\u2028');
const text = fc.oneof(fc.string({ maxLength: 8 }), fc.array(tricky, { maxLength: 6 }).map((parts) => parts.join('')));
// keys that end in the searched name after a quote are the trap: `{"x\"managedFields":[…]}`
const lookalike = fc.constantFrom('x"managedFields', '"managedFields', 'managedFields"', ' managedFields', 'a\\"managedFields');
const key = fc.oneof({ weight: 3, arbitrary: fc.constant('managedFields') }, { weight: 1, arbitrary: lookalike }, { weight: 1, arbitrary: fc.constantFrom('metadata', 'items', 'a') }, { weight: 2, arbitrary: text }).filter((k) => k !== '__proto__');
const { json } = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    text,
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(key, tie('json'), { maxKeys: 5 }),
  ),
}));

describe('withoutManagedFields', () => {
  it('equals parsing everything and deleting each array-valued managedFields, for any JSON', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.parse(withoutManagedFields(JSON.stringify(value)))).toEqual(dropManaged(value));
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('cuts the member and one comma wherever it stands, and leaves a text without one as it is', () => {
    const mf = '"managedFields":[{"manager":"kubectl","fieldsV1":{"f:metadata":{"k:{\\"name\\":\\"x\\"}":{}}}}]';
    expect(withoutManagedFields(`{"a":1,${mf},"b":2}`)).toBe('{"a":1,"b":2}');
    expect(withoutManagedFields(`{"a":1,${mf}}`)).toBe('{"a":1}');
    expect(withoutManagedFields(`{${mf},"b":2}`)).toBe('{"b":2}');
    expect(withoutManagedFields(`{${mf}}`)).toBe('{}');
    expect(withoutManagedFields(`{"a":1, ${mf} }`)).toBe('{"a":1 }');
    expect(withoutManagedFields(`{"items":[{"metadata":{${mf}}},{"metadata":{"name":"p",${mf}}}]}`)).toBe('{"items":[{"metadata":{}},{"metadata":{"name":"p"}}]}');
    const plain = '{"metadata":{"name":"p","labels":{"managedFields":"x"}}}';
    expect(withoutManagedFields(plain)).toBe(plain);
  });

  it('leaves a text whose array never ends as it was, for JSON.parse to reject', () => {
    for (const broken of ['{"managedFields":[1,2', '{"managedFields":["a\\"]}', '{"managedFields":[{"a":"b}]}']) {
      expect(withoutManagedFields(broken)).toBe(broken);
    }
  });
});

describe('parseWithoutManagedFields', () => {
  it('parses the cut text, and a text that was not JSON fails as JSON.parse fails on it', () => {
    expect(parseWithoutManagedFields('{"type":"ADDED","object":{"metadata":{"name":"p","managedFields":[{"manager":"m"}]}}}')).toEqual({ type: 'ADDED', object: { metadata: { name: 'p' } } });
    expect(() => parseWithoutManagedFields('{"metadata":{"managedFields":[1]},')).toThrow(SyntaxError);
    expect(() => parseWithoutManagedFields('{"managedFields":[1')).toThrow(SyntaxError);
  });
});
