// Where is a Chromium for Playwright? Playwright's own download when present (a normal laptop),
// else Debian's /usr/bin/chromium (these machines cannot download browsers), else PODNODE_CHROMIUM.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** @returns {string | undefined} an executable path, or undefined when none exists */
export function findChromium() {
  const candidates = [process.env.PODNODE_CHROMIUM, safe(() => chromium.executablePath()), '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p));
}

function safe(f) {
  try {
    return f();
  } catch {
    return undefined;
  }
}
