// A kubeconfig pointing at the simulator. Over HTTP, insecure-skip-tls-verify is what client-node
// needs to accept an http:// server and the token is never checked; over HTTPS the kubeconfig
// trusts the simulator's CA and carries a token it accepts.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SIM_CONTEXT = 'podnode-sim';

export function simKubeconfig(url: string, ca?: string, token = 'podnode-sim-token'): string {
  const trust = ca ? `certificate-authority-data: ${Buffer.from(ca).toString('base64')}` : 'insecure-skip-tls-verify: true';
  return `apiVersion: v1
kind: Config
clusters:
- name: ${SIM_CONTEXT}
  cluster:
    server: ${url}
    ${trust}
users:
- name: ${SIM_CONTEXT}-user
  user:
    token: ${token}
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
