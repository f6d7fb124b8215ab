// The layering rule is a lint rule; this proves it is switched on and bites, so a config change
// cannot quietly turn it off.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'import/no-restricted-paths').map((m) => m.message);
}

describe('layers point down only', () => {
  it.each([
    ['lib/kube/example.ts', "import type { RowIndex } from '@/lib/rows/row-index';\nexport type X = RowIndex;\n", 'lib/kube may not import lib/rows'],
    ['lib/kube/example.ts', "import { startSim } from '@/lib/sim';\nexport const x = startSim;\n", 'lib/kube may not import lib/sim'],
    ['lib/rows/example.ts', "import { json } from '@/lib/api/http';\nexport const x = json;\n", 'lib/rows may not import lib/api'],
    ['lib/query/example.ts', "import type { RowIndex } from '@/lib/rows/row-index';\nexport type X = RowIndex;\n", 'lib/query may not import lib/rows'],
    ['components/example.ts', "import { getRowIndex } from '@/lib/rows/source';\nexport const x = getRowIndex;\n", 'components may not import lib/rows'],
    ['lib/podnode/example.ts', "import { parseFlags } from '@/lib/query';\nexport const x = parseFlags;\n", 'lib/podnode is the bottom layer'],
  ])('%s: %s is refused', async (file, code, message) => {
    const errors = await layerErrors(file, code);
    expect(errors.join('\n')).toContain(message);
  });

  it('allows imports that point down, and the browser-safe wire schemas to the page', async () => {
    expect(await layerErrors('lib/api/example.ts', "import { getRowIndex } from '@/lib/rows/source';\nexport const x = getRowIndex;\n")).toEqual([]);
    expect(await layerErrors('components/example.ts', "import { snapshotEventSchema } from '@/lib/rows/wire';\nexport const x = snapshotEventSchema;\n")).toEqual([]);
  });
}, 60_000);
