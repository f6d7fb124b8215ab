import next from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Layers point down only (docs/architecture.md). Each entry: a layer, and what it may import
// besides itself and the pure model (lib/podnode). A backwards import is a lint error.
const LAYERS = {
  'lib/podnode': [],
  'lib/sim': [],
  'lib/query': [],
  'lib/config': [],
  'lib/kube': [],
  'lib/demo': ['lib/sim', 'lib/kube'],
  'lib/rows': ['lib/kube', 'lib/query', 'lib/config', 'lib/demo'],
  'lib/api': ['lib/rows', 'lib/kube', 'lib/query', 'lib/config'],
  'lib/cli': ['lib/rows', 'lib/kube', 'lib/query', 'lib/config'],
  // the browser: pure code and the wire schemas only
  components: ['lib/query', 'lib/rows/wire.ts', 'lib/rows/wire-pack.ts', 'lib/rows/view-schemas.ts'],
  app: ['lib/api', 'lib/rows/wire.ts', 'lib/rows/view-schemas.ts', 'components'],
};
const ALL = ['lib/podnode', 'lib/sim', 'lib/query', 'lib/config', 'lib/kube', 'lib/demo', 'lib/rows', 'lib/api', 'lib/cli', 'components', 'app'];

const zones = Object.entries(LAYERS).flatMap(([target, allowed]) =>
  ALL.filter((from) => from !== target && from !== 'lib/podnode' && !allowed.includes(from)).map((from) => {
    // `lib/rows/wire.ts` alone is allowed where lib/rows is not: an exception inside the zone.
    const except = allowed.filter((a) => a.startsWith(`${from}/`)).map((a) => `./${a.slice(from.length + 1)}`);
    return {
      target: `./${target}`,
      from: `./${from}`,
      ...(except.length ? { except } : {}),
      message: `${target} may not import ${from}: layers point down only (docs/architecture.md)`,
    };
  }),
);
// components may use the podnode model's pure types and math, but app/ and the browser never
// reach the cache; lib/podnode stays the bottom layer (it imports no other layer).
zones.push({ target: './lib/podnode', from: './lib', except: ['./podnode'], message: 'lib/podnode is the bottom layer: it imports no other layer' });

const config = [
  ...next,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'bin/**', '.podnode/**'] },
  {
    // Tests may reach the simulator and any layer they check; production code may not.
    files: ['lib/**/*.ts', 'components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/test-support.ts', '**/test-fixtures.ts', '**/test-rows.ts', 'lib/cli/run-cli.ts'],
    rules: { 'import/no-restricted-paths': ['error', { zones }] },
  },
];
export default config;
