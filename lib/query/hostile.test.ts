// Every entry point must answer hostile input with a QueryError (a 400, exit 2), never a crash,
// a hang, or a read outside the row's own data.
import { describe, expect, it } from 'vitest';
import { parseQueryParams } from './url-params';
import { parseFlags } from './flags';
import { parseKkCommand } from './kk-command';
import { compilePath } from './path';
import { filterRows } from './evaluate';
import { QueryError } from './errors';
import { makeRow } from './test-rows';

function queryError(run: () => unknown): QueryError {
  try {
    run();
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error('expected a QueryError');
}

describe('limits', () => {
  it('refuses more than 8 KB of query text, even spread over params, without parsing it', () => {
    expect(queryError(() => parseQueryParams({ f: `a=${'x'.repeat(10_000_000)}` })).message).toMatch(/longer than 8 KB/);
    const spread = Array.from({ length: 9 }, () => `metadata.name=${'x'.repeat(1000)}`);
    expect(queryError(() => parseQueryParams({ f: spread })).where.param).toBe('f');
    expect(queryError(() => parseKkCommand(`-l ${'a'.repeat(9000)}`)).where.param).toBe('kk');
    // multi-byte text is counted in bytes: 3000 × 3 bytes
    expect(() => parseQueryParams({ f: `a=${'€'.repeat(3000)}` })).toThrow(/8 KB/);
    expect(() => parseQueryParams({ f: `a=${'€'.repeat(2000)}` })).not.toThrow();
  });

  it('allows 20 -f/-e clauses and refuses the 21st', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `a=${i}`);
    expect(() => parseQueryParams({ f: ten, e: ten })).not.toThrow();
    const err = queryError(() => parseQueryParams({ f: ten, e: [...ten, 'b=1'] }));
    expect(err.where).toMatchObject({ param: 'e', index: 10 });
    expect(err.message).toContain('more than 20');
  });

  it('allows 50 columns and refuses the 51st, across repeated -o', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `c${i}`).join(',');
    expect(parseQueryParams({ o: fifty }).columns).toHaveLength(50);
    expect(queryError(() => parseQueryParams({ o: `${fifty},x` })).message).toContain('more than 50 columns');
    expect(queryError(() => parseFlags(['-o', fifty, '-o', 'x'])).where.param).toBe('-o');
  });

  it('refuses more than 10 sort keys', () => {
    expect(() => parseQueryParams({ sort: Array.from({ length: 11 }, (_, i) => `k${i}`).join(',') })).toThrow(QueryError);
  });

  it('refuses paths deeper than 32 in every position', () => {
    const deep = Array(40).fill('a').join('.');
    for (const params of [{ f: `${deep}=1` }, { e: `${deep}=1` }, { o: deep }, { sort: deep }]) {
      expect(queryError(() => parseQueryParams(params)).message).toContain('deeper than 32');
    }
    expect(() => compilePath(Array(10_000).fill('[0]').join(''))).toThrow(/deeper than 32/);
  });

  it('ignores a flood of empty params instead of counting them as clauses', () => {
    expect(parseQueryParams({ f: Array(100_000).fill('') }).include).toEqual([]);
  });
});

describe('prototype access', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('%s is a parse error wherever a path appears', (key) => {
    for (const params of [
      { f: `${key}=x` },
      { f: `metadata.${key}.x=1` },
      { e: `pod.metadata["${key}"]=1` },
      { o: `node['${key}']` },
      { sort: `-spec.${key}` },
    ]) {
      expect(queryError(() => parseQueryParams(params)).message).toContain(`'${key}' is not allowed`);
    }
  });

  it('reads nothing inherited and pollutes nothing', () => {
    const rows = [makeRow()];
    for (const path of ['metadata.toString', 'metadata.labels.valueOf']) {
      expect(filterRows(rows, parseQueryParams({ f: `${path}=NA` }))).toHaveLength(1);
    }
    // outside the kept fields, a path is refused before it reads anything
    for (const path of ['spec.containers.map', 'spec.containers.length.valueOf', 'hasOwnProperty', 'pod.status.toString']) {
      expect(() => filterRows(rows, parseQueryParams({ f: `${path}=NA` }))).toThrow(/does not keep/);
    }
    parseQueryParams({ l: 'constructor=x', o: 'a["__proto__ "]' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('does not read params a hostile record inherits', () => {
    const params = Object.create({ f: 'a=1' }) as Record<string, string>;
    expect(parseQueryParams(params).include).toEqual([]);
  });
});

describe('malformed text', () => {
  it.each([
    [{ f: 'a["b=1' }, 2, 'unterminated " string'],
    [{ f: "a['b]=1" }, 2, "unterminated ' string"],
    [{ f: 'a[0=1' }, 3, "missing ']'"],
    [{ f: 'a]=1' }, 1, "found ']'"],
    [{ o: 'a[0,b' }, 3, "missing ']'"],
    [{ l: 'a in (b' }, 7, "missing ')'"],
    [{ l: 'a in b)' }, 5, "expected '('"],
    [{ l: '(((' }, 0, 'expected a label key'],
    [{ f: 'a=\u0000' }, 2, 'control character U+0000'],
    [{ f: 'a=x\u009b' }, 3, 'control character U+009B'],
    [{ o: 'a\nb' }, 1, 'control character U+000A'],
    [{ l: 'a=\u0007' }, 2, 'control character U+0007'],
  ])('%j → position %i', (params, position, message) => {
    const err = queryError(() => parseQueryParams(params));
    expect(err.where.position).toBe(position);
    expect(err.message).toContain(message);
    // the echoed input never carries raw control characters into logs or terminals
    expect(err.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('bounds the echoed input in messages', () => {
    const err = queryError(() => parseQueryParams({ f: `${'a'.repeat(5000)}!` }));
    expect(err.message.length).toBeLessThan(300);
    expect(err.where.position).toBe(5000);
  });
});
