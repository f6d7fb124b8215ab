// Liveness and readiness on a port of their own, for the kubelet's probes. The data port binds
// loopback inside the pod (reached only through port-forward) and refuses hosts it does not know,
// so probes that arrive at the pod IP get this listener instead: two fixed answers, no cluster data.
import http from 'node:http';
import { getRowIndex } from '@/lib/rows/source';

export function startHealthPort(port: number, host = '0.0.0.0'): http.Server {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || (path !== '/healthz' && path !== '/readyz')) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"only GET /healthz and /readyz here"}');
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      return;
    }
    let ready = false;
    try {
      ready = getRowIndex().cache.getStatus().lastSyncAt !== null;
    } catch {
      ready = false; // no cluster (an unreadable kubeconfig): not ready, and no reason given here
    }
    res.writeHead(ready ? 200 : 503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ready }));
  });
  server.listen(port, host);
  server.unref();
  return server;
}
