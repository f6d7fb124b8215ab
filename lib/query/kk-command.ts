// The page's "kk box": a pasted `kk get podnode …`, `kubectl podnode get pn …`,
// `kubectl-podnode get podnode …` or bare flags, turned into a Query. The CLI's own flags are
// recognised (so a pasted CLI line works) and handed back in `extras` for the page to ignore.
import { QueryError, inParam } from './errors';
import { parseFlags } from './flags';
import { shellWords } from './shell-words';
import { MAX_QUERY_BYTES, boundedByteLength } from './limits';
import type { Query } from './query';

const PROGRAMS = new Set(['kk', 'kubectl-podnode', 'kubectl-pn']);
const PLUGIN_NAMES = new Set(['podnode', 'pn']);
const RESOURCES = new Set(['podnode', 'podnodes', 'pn']);
const CLI_SWITCHES = new Set(['--json', '-w', '--watch', '--offline', '--no-headers', '-h', '--help']);
const CLI_VALUE_FLAGS = new Set(['--context', '--kubeconfig', '--server', '--snapshot']);

export type KkCommand = { query: Query; extras: Record<string, string | true> };

export function parseKkCommand(text: string): Query {
  return parseKkCommandLine(text).query;
}

export function parseKkCommandLine(text: string): KkCommand {
  if (boundedByteLength(text) > MAX_QUERY_BYTES) {
    throw new QueryError(`the command is longer than ${MAX_QUERY_BYTES / 1024} KB`, { param: 'kk' });
  }
  // Newlines and tabs are ordinary blanks in a pasted command; the tokenizer refuses the other controls.
  const words = inParam('kk', text, undefined, shellWords, { controlsChecked: true }).map((w) => w.value);
  let i = 0;
  if (words[i] === 'npx') i++;
  const program = (words[i] ?? '').split('/').pop() ?? '';
  if (PROGRAMS.has(program)) i++;
  else if (program === 'kubectl' && PLUGIN_NAMES.has(words[i + 1] ?? '')) i += 2;
  else if (program === 'kubectl') {
    throw new QueryError(`expected 'kubectl podnode …', found 'kubectl ${words[i + 1] ?? ''}'`, { param: 'kk', input: text });
  }
  const { query, rest } = parseFlags(words.slice(i));
  return { query, extras: cliExtras(rest, text) };
}

/** What is left after the query flags: the verb, the resource and the CLI's own flags. */
function cliExtras(rest: readonly string[], text: string): Record<string, string | true> {
  const extras: Record<string, string | true> = {};
  let sawGet = false;
  for (let j = 0; j < rest.length; j++) {
    const arg = rest[j]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    if (CLI_SWITCHES.has(arg)) extras[arg] = true;
    else if (CLI_VALUE_FLAGS.has(name)) {
      const value = eq !== -1 && name !== arg ? arg.slice(eq + 1) : rest[++j];
      if (value === undefined) throw new QueryError(`flag ${name} needs a value`, { param: name });
      extras[name] = value;
    } else if (arg === 'get' && !sawGet) sawGet = true;
    else if (sawGet && RESOURCES.has(arg)) sawGet = true;
    else if (arg.startsWith('-') && arg !== '-') {
      throw new QueryError(`unknown flag '${name}'`, { param: name, input: text, position: text.indexOf(name) });
    } else {
      throw new QueryError(`unexpected argument '${arg}': expected 'get podnode' and flags`, {
        param: 'kk',
        input: text,
        position: Math.max(0, text.indexOf(arg)),
      });
    }
  }
  return extras;
}
