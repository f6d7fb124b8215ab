// Test PKI: a CA and certificates it signs, made with the openssl command (as a cluster's own
// tooling would), for the simulator's HTTPS mode and, later, a real control plane.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type Pki = { dir: string; caCert: string; caKey: string };
export type Issued = { cert: string; key: string; certFile: string; keyFile: string };

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function makeCa(dir: string, name = 'podnode-test-ca'): Pki {
  fs.mkdirSync(dir, { recursive: true });
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', 'ca.key', '-out', 'ca.crt'], dir);
  return { dir, caCert: path.join(dir, 'ca.crt'), caKey: path.join(dir, 'ca.key') };
}

/** A certificate signed by the CA: `san` like `IP:127.0.0.1,DNS:localhost`; `client` for client auth. */
export function issue(pki: Pki, name: string, opts: { cn: string; org?: string; san?: string; client?: boolean }): Issued {
  const { dir } = pki;
  const subj = `/CN=${opts.cn}${opts.org ? `/O=${opts.org}` : ''}`;
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', subj, '-keyout', `${name}.key`, '-out', `${name}.csr`], dir);
  const ext = [
    `extendedKeyUsage=${opts.client ? 'clientAuth' : 'serverAuth'}`,
    'keyUsage=digitalSignature,keyEncipherment',
    ...(opts.san ? [`subjectAltName=${opts.san}`] : []),
  ].join('\n');
  fs.writeFileSync(path.join(dir, `${name}.ext`), ext);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.crt`], dir);
  const certFile = path.join(dir, `${name}.crt`);
  const keyFile = path.join(dir, `${name}.key`);
  return { cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8'), certFile, keyFile };
}
