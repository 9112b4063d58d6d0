/**
 * Slack message timestamps (`ts`): `seconds.micros` strings, unique and increasing, so that they
 * sort as text and as numbers alike (until the year 2286).
 * @module
 */

/** `ts` of `micros` microseconds since the epoch: `1712345678.000123`. */
export function formatTs(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  return `${seconds}.${String(micros % 1_000_000).padStart(6, "0")}`;
}

/** Microseconds since the epoch of a `ts` (or of any decimal seconds text), or undefined when malformed. */
export function parseTs(ts: string): number | undefined {
  const match = /^(\d{1,10})(?:\.(\d{1,6}))?$/.exec(ts.trim());
  if (!match) return undefined;
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? "").padEnd(6, "0"));
}

/** True when `ts` is a well-formed Slack timestamp. */
export function isTs(ts: string): boolean {
  return parseTs(ts) !== undefined;
}

/**
 * Mints increasing timestamps from a clock: the clock's time, or one microsecond after the last
 * one minted when the clock has not moved on.
 */
export class TsClock {
  /** @param now clock in epoch ms. @param lastMicros the newest ts already used (after a restart). */
  constructor(
    private readonly now: () => number,
    private lastMicros = 0,
  ) {}

  /** The next `ts`. */
  next(): string {
    this.lastMicros = Math.max(Math.floor(this.now() * 1000), this.lastMicros + 1);
    return formatTs(this.lastMicros);
  }

  /** Makes sure later timestamps sort after `ts` (seeded and loaded messages). */
  observe(ts: string): void {
    const micros = parseTs(ts);
    if (micros !== undefined && micros > this.lastMicros) this.lastMicros = micros;
  }

  /** The newest ts minted or observed, in microseconds. */
  get last(): number {
    return this.lastMicros;
  }
}
