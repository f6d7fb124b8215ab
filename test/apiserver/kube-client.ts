// The test suite's own client for the real API server: JSON over HTTPS with the admin client
// certificate. The loader below is the only code in this project that writes to a cluster.
import fs from 'node:fs';
import https from 'node:https';
import { parse } from 'yaml';

export type Kube = { server: string; request: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: unknown; text: string }> };

export function adminClient(kubeconfigFile: string, serverOverride?: string): Kube {
  const kc = parse(fs.readFileSync(kubeconfigFile, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
    users: { user: { 'client-certificate-data': string; 'client-key-data': string } }[];
  };
  const cluster = { ...kc.clusters[0]!.cluster, ...(serverOverride ? { server: serverOverride } : {}) };
  const user = kc.users[0]!.user;
  const tls = {
    ca: Buffer.from(cluster['certificate-authority-data'], 'base64'),
    cert: Buffer.from(user['client-certificate-data'], 'base64'),
    key: Buffer.from(user['client-key-data'], 'base64'),
  };
  return {
    server: cluster.server,
    request: (method, path, body, headers = {}) =>
      new Promise((resolve, reject) => {
        const req = https.request(`${cluster.server}${path}`, { method, ...tls, headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => {
            let parsed: unknown = undefined;
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = undefined;
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, text });
          });
        });
        req.on('error', reject);
        req.end(body === undefined ? undefined : JSON.stringify(body));
      }),
  };
}
