// Types of the plain ESM helper (shared with scripts/test.mjs, which runs without a compiler).
export function findChromium(): string | undefined;
export const CHROMIUM_ARGS: string[];
