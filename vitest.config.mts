import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // 'server-only' throws outside a react-server bundle; tests import server modules directly.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'bin/**/*.test.ts', 'components/**/*.test.ts', 'deploy/**/*.test.ts'],
    // test/apiserver needs a real control plane: `npm run test:apiserver` (vitest.apiserver.config.mts)
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start simulators and servers on ephemeral ports; 2 cores here.
    maxWorkers: 2,
  },
});
