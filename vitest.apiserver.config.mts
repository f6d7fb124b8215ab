// `npm run test:apiserver`: the suite against a real kube-apiserver and etcd (test/controlplane).
import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
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
