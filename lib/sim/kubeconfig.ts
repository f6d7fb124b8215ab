// A kubeconfig pointing at the simulator. insecure-skip-tls-verify is what client-node needs to
// accept an http:// server; the token is accepted but never checked.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SIM_CONTEXT = 'podnode-sim';

export function simKubeconfig(url: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: ${SIM_CONTEXT}
  cluster:
    server: ${url}
    insecure-skip-tls-verify: true
users:
- name: ${SIM_CONTEXT}-user
  user:
    token: podnode-sim-token
contexts:
- name: ${SIM_CONTEXT}
  context:
    cluster: ${SIM_CONTEXT}
    user: ${SIM_CONTEXT}-user
current-context: ${SIM_CONTEXT}
preferences: {}
`;
}

export async function writeKubeconfigFile(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, text, { mode: 0o600 });
}
