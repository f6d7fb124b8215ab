import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('reads every flag', () => {
    expect(parseCliArgs(['--port', '6443', '--nodes', '50', '--pods', '900', '--profile', 'gke', '--seed', '9', '--churn', '2.5',
      '--namespaces', 'streamtech, content,commerce', '--kubeconfig', '/tmp/k.yaml', '--event-cap', '200', '--notice-ms', '5000'])).toMatchObject({
      port: 6443, nodes: 50, pods: 900, profile: 'gke', seed: 9, churn: 2.5, namespaces: ['streamtech', 'content', 'commerce'], kubeconfigPath: '/tmp/k.yaml',
      eventCap: 200, noticeMs: 5000,
    });
  });
  it('has defaults', () => {
    expect(parseCliArgs([])).toMatchObject({ port: 6443, profile: 'mixed', churn: 0, kubeconfigPath: './.podnode/sim-kubeconfig.yaml' });
  });
  it.each([
    [['--nodes', 'x'], /--nodes must be an integer/], [['--profile', 'openshift'], /--profile must be one of/],
    [['--churn=-1'], /--churn must be/], [['--bogus'], /Unknown option '--bogus'/], [['--port', '70000'], /--port must be/],
    [['--event-cap', '0'], /--event-cap must be/],
  ])('rejects %j', (argv, msg) => {
    expect(() => parseCliArgs(argv)).toThrow(msg);
  });
});
