// `npm run test:apiserver`: the suite against a real kube-apiserver and etcd (test/controlplane).
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';

// The same module resolution as the unit suite; its own files, timeouts and a single worker.
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['test/apiserver/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    // the first run builds kube-apiserver and etcd (minutes); later runs start them in seconds
    hookTimeout: 1_800_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
