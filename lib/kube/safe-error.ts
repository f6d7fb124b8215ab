// Credentials never leave in an error. A kubeconfig that fails to parse is reported by file, line
// and kind of error only (a YAML parser's message quotes the neighbouring lines, `token:` among
// them), and a credential plugin that fails is named, never quoted (its stderr or stdout can hold a
// refresh token). These messages reach responses, the page, every viewer's status and the log.
import path from 'node:path';

/** `cannot read kubeconfig FILE: invalid YAML at line 7, column 3 (bad indentation …)` */
export function kubeconfigReadError(file: string, err: unknown): string {
  const e = err as { mark?: { line?: number; column?: number }; reason?: unknown; name?: unknown };
  if (e && typeof e === 'object' && e.mark && typeof e.mark.line === 'number') {
    const reason = typeof e.reason === 'string' && /^[A-Za-z ,-]{1,80}$/.test(e.reason) ? ` (${e.reason})` : '';
    return `cannot read kubeconfig ${file}: invalid YAML at line ${e.mark.line + 1}, column ${(e.mark.column ?? 0) + 1}${reason}`;
  }
  return `cannot read kubeconfig ${file}: ${scrub(err instanceof Error ? err.message : String(err))}`;
}

/** What failed while getting credentials for a request, without what the plugin said. */
export function credentialError(user: { exec?: { command?: unknown }; authProvider?: { name?: unknown } } | null, err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  const detail = typeof code === 'string' && /^[A-Z0-9_]{2,20}$/.test(code) ? ` (${code})` : '';
  if (user?.exec && typeof user.exec.command === 'string') {
    return `the kubeconfig's credential plugin "${path.basename(user.exec.command)}" failed${detail}; run it by hand to see why (its output is not shown here: it can hold credentials)`;
  }
  if (user?.authProvider && typeof user.authProvider.name === 'string') {
    return `the kubeconfig's auth provider "${user.authProvider.name.slice(0, 40)}" failed${detail}`;
  }
  return `could not load the kubeconfig's credentials${detail}: ${scrub(err instanceof Error ? err.message : String(err))}`;
}

/** One line, with anything that looks like a secret (a long run of token characters) cut out. */
export function scrub(message: string): string {
  const line = message.split('\n', 1)[0] ?? '';
  return line.replace(/[A-Za-z0-9+/=_.~-]{16,}/g, '…').slice(0, 200);
}
