/**
 * Duration values (attractor-spec §2.4): an integer or decimal with a unit suffix.
 * @module
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/;

/**
 * Parses `900s`, `15m`, `2h`, `250ms`, `1d` into milliseconds. A bare number is taken as seconds,
 * which is how pipelines written for other implementations use it (`timeout="1200"`).
 * @returns milliseconds, or `undefined` when `text` is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  return Math.round(amount * UNIT_MS[match[2] ?? "s"]);
}

/** Formats milliseconds for people: `850ms`, `12.3s`, `4m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) {
    const m = Math.floor(totalSeconds / 60);
    return `${m}m${String(totalSeconds % 60).padStart(2, "0")}s`;
  }
  const h = Math.floor(totalSeconds / 3600);
  return `${h}h${String(Math.floor((totalSeconds % 3600) / 60)).padStart(2, "0")}m`;
}
