// The query as command-line flags, kubectl/pflag style: `-lX`, `-l X`, `-l=X`, `--selector X`,
// `--selector=X`; bundled `-Aw`; `--` ends flags. Flags that are not the query's are passed through
// in `rest`, in order, for the CLI's own parser.
import { QueryError } from './errors';
import { QueryBuilder } from './query-builder';
import type { Query } from './query';

type Target = 'selector' | 'namespace' | 'nodeSelector' | 'include' | 'exclude' | 'columns' | 'sort';

const VALUE_FLAGS = new Map<string, Target>([
  ['-l', 'selector'], ['--selector', 'selector'],
  ['-n', 'namespace'], ['--namespace', 'namespace'],
  ['--node-selector', 'nodeSelector'],
  ['-f', 'include'], ['--filter', 'include'],
  ['-e', 'exclude'], ['--exclude', 'exclude'],
  ['-o', 'columns'], ['--output', 'columns'], ['--columns', 'columns'],
  ['--sort', 'sort'], ['--sort-by', 'sort'],
]);
const ALL_NAMESPACES = new Set(['-A', '--all-namespaces']);

export type ParsedFlags = { query: Query; rest: string[] };

export function parseFlags(argv: readonly string[]): ParsedFlags {
  const b = new QueryBuilder();
  const rest: string[] = [];
  const counts = { include: 0, exclude: 0 };
  const queue = [...argv];
  while (queue.length > 0) {
    const arg = queue.shift()!;
    if (arg === '--') {
      rest.push(...queue.splice(0));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      rest.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const eq = arg.indexOf('=');
    const name = long ? (eq === -1 ? arg : arg.slice(0, eq)) : arg.slice(0, 2);
    if (ALL_NAMESPACES.has(name)) {
      const inline = long && eq !== -1 ? arg.slice(eq + 1) : undefined;
      if (inline !== undefined && inline !== 'true' && inline !== 'false') {
        throw new QueryError(`${name} takes true or false, not '${inline}'`, { param: name });
      }
      if (inline !== 'false') b.everyNamespace();
      if (!long && arg.length > 2) queue.unshift(`-${arg.slice(2)}`); // bundled shorts: -Aw
      continue;
    }
    const target = VALUE_FLAGS.get(name);
    if (!target) {
      rest.push(arg);
      continue;
    }
    let value: string | undefined;
    if (long) value = eq === -1 ? queue.shift() : arg.slice(eq + 1);
    else if (arg.length > 2) value = arg[2] === '=' ? arg.slice(3) : arg.slice(2);
    else value = queue.shift();
    if (value === undefined) throw new QueryError(`flag ${name} needs a value`, { param: name });
    apply(b, target, name, value, counts);
  }
  return { query: b.build(), rest };
}

function apply(b: QueryBuilder, target: Target, flag: string, value: string, counts: Record<'include' | 'exclude', number>) {
  switch (target) {
    case 'selector':
      return b.labelSelector(flag, value);
    case 'nodeSelector':
      return b.nodeSelector(flag, value);
    case 'namespace':
      return b.namespace(flag, value);
    case 'include':
    case 'exclude':
      return b.clause(target, flag, value, counts[target]++);
    case 'columns':
      return b.columns(flag, value);
    case 'sort':
      return b.sort(flag, value);
  }
}
