// A Query as the flags a terminal user would type (`-f zone=a --node-selector x=y --sort -pods`),
// for the query box of the node and workload views, which parses them back with the CLI's parser.
import { queryToParams, type Query } from '@/lib/query';

const FLAG: Record<string, string> = { l: '-l', ns: '-n', nl: '--node-selector', f: '-f', e: '-e', o: '-o', sort: '--sort' };

/** Single-quoted when it holds anything a shell would split or expand. */
function quote(word: string, leadingDashOk = false): string {
  const plain = /^[A-Za-z0-9_./:=,@%+~-]+$/.test(word) && (leadingDashOk || !word.startsWith('-'));
  return plain ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function queryToFlags(q: Query): string {
  const words: string[] = [];
  for (const [key, value] of queryToParams(q)) {
    const flag = FLAG[key];
    if (!flag) continue;
    // a sort key may start with '-': attach it so it is not read as a flag
    words.push(key === 'sort' ? `${flag}=${quote(value, true)}` : `${flag} ${quote(value)}`);
  }
  return words.join(' ');
}
