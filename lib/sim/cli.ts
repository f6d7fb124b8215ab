// `npm run sim -- …`: the simulated cluster as a process. Prints where it listens, where the
// kubeconfig went, and what startup cost (time, RSS), then runs until SIGINT/SIGTERM.
import path from 'node:path';
import { USAGE, parseCliArgs } from './cli-args';
import { startSim } from './index';

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`podnode-sim: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) { console.log(USAGE); return; }
  const started = performance.now();
  const sim = await startSim(opts);
  await sim.writeKubeconfig(opts.kubeconfigPath);
  const ms = performance.now() - started;
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  console.log(`podnode-sim listening on ${sim.url} (profile ${opts.profile}, seed ${opts.seed}, churn ${opts.churn}/s)`);
  console.log(`  ${sim.cluster.nodes()} nodes, ${sim.cluster.pods()} pods; started in ${(ms / 1000).toFixed(2)} s, RSS ${rssMb.toFixed(0)} MB`);
  console.log(`  kubeconfig: ${path.resolve(opts.kubeconfigPath)}`);
  console.log(`  try: kubectl --kubeconfig ${opts.kubeconfigPath} get pods -A`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`podnode-sim: ${signal}, stopping`);
    sim.stop().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(`podnode-sim: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
