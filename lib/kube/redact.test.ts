import { describe, expect, it } from 'vitest';
import { DEFAULT_SECRET_PATTERN, REDACTED, redactArgs, redactionPolicy } from './redact';
import { redactWholePod, stripNode, stripPod } from './strip';
import { plantedPod } from './planted-secrets';

const policy = redactionPolicy({});

describe('redaction at ingest', () => {
  it('the cache keeps no planted secret of a pod', () => {
    const pod = stripPod(plantedPod(), policy);
    expect(JSON.stringify(pod)).not.toContain('PLANT');
    expect(pod.metadata.annotations).toEqual({ 'vault.example/db-password': REDACTED, 'example.com/api-key': REDACTED, 'example.com/owner': 'team-a' });
  });

  it('leaves no planted secret anywhere in a whole pod, and keeps the names that say what was there', () => {
    const pod = redactWholePod(plantedPod(), policy);
    const json = JSON.stringify(pod);
    expect(json).not.toContain('PLANT');
    const c = (pod.spec!.containers as Record<string, unknown>[])[0]!;
    expect(c.command).toEqual(['/app', `--db-password=${REDACTED}`, '--token', REDACTED, '--port=8080', '-v']);
    expect(c.args).toEqual(['--client-secret', REDACTED, '--name', 'visible']);
    expect(pod.metadata.annotations).toEqual({ 'vault.example/db-password': REDACTED, 'example.com/api-key': REDACTED, 'example.com/owner': 'team-a' });
    expect(json).toContain('"name":"Authorization"');
    expect(json).toContain('"name":"DB_PASSWORD"');
  });

  it('redacts secret-like node annotations too', () => {
    const node = stripNode({ metadata: { name: 'n', uid: 'n', annotations: { 'example.com/bootstrap-token': 'PLANT', zone: 'a' } } }, policy);
    expect(node.metadata.annotations).toEqual({ 'example.com/bootstrap-token': REDACTED, zone: 'a' });
  });

  it('takes its pattern from PODNODE_REDACT_PATTERN, and says so when it is not a regular expression', () => {
    const custom = redactionPolicy({ PODNODE_REDACT_PATTERN: 'license' });
    expect(redactArgs(['--license=abc', '--password=x'], custom)).toEqual([`--license=${REDACTED}`, '--password=x']);
    expect(() => redactionPolicy({ PODNODE_REDACT_PATTERN: '(' })).toThrow(/PODNODE_REDACT_PATTERN/);
    expect(new RegExp(DEFAULT_SECRET_PATTERN, 'i').test('X-Api-Key')).toBe(true);
  });

  it('does not take a following flag for a value', () => {
    expect(redactArgs(['--token', '--verbose'], policy)).toEqual(['--token', '--verbose']);
    expect(redactArgs(['--token'], policy)).toEqual(['--token']);
  });
});
