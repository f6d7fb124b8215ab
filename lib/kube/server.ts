// The entry point for Next.js code (routes, server components, instrumentation): the
// 'server-only' guard makes any accidental client-side import of the cluster cache a build
// error. The CLI, running under plain Node, imports ./registry directly.
import 'server-only';

export { UnknownContextError } from './kubeconfig';
export { TooManyContextsError } from './registry';

