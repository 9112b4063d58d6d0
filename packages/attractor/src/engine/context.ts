/**
 * The run context (attractor-spec §5.1): a key-value store shared by all stages, plus an
 * append-only run log. Node's event loop makes each call atomic, so no lock is needed.
 * @module
 */

/** Values must be JSON-serializable so checkpoints can hold them. */
export type ContextValue = unknown;

/** The shared key-value store of a pipeline run (attractor-spec §5.1). */
export class Context {
  private values: Map<string, ContextValue>;
  private readonly logEntries: string[];

  constructor(values?: Record<string, ContextValue>, logs?: string[]) {
    this.values = new Map(Object.entries(values ?? {}));
    this.logEntries = logs ? [...logs] : [];
  }

  /** Sets `key` to `value`. */
  set(key: string, value: ContextValue): void {
    this.values.set(key, value);
  }

  /** The value of `key`, or `fallback` when absent. */
  get(key: string, fallback?: ContextValue): ContextValue {
    return this.values.has(key) ? this.values.get(key) : fallback;
  }

  /** True when `key` is set. */
  has(key: string): boolean {
    return this.values.has(key);
  }

  /** Removes `key`. */
  delete(key: string): void {
    this.values.delete(key);
  }

  /** The value of `key` as a string (objects as JSON), or `fallback` when absent. */
  getString(key: string, fallback = ""): string {
    if (!this.values.has(key)) return fallback;
    return stringify(this.values.get(key));
  }

  /** Appends an entry to the run log. */
  appendLog(entry: string): void {
    this.logEntries.push(entry);
  }

  /** The run log entries, oldest first. */
  get logs(): readonly string[] {
    return this.logEntries;
  }

  /** Keys in insertion order. */
  keys(): string[] {
    return [...this.values.keys()];
  }

  /** A deep, JSON-safe copy of all values. */
  snapshot(): Record<string, ContextValue> {
    return structuredClone(Object.fromEntries(this.values));
  }

  /**
   * The values as a plain object that shares them (no copy): for serializing at once, such as
   * writing a checkpoint. Use {@link snapshot} to keep a copy.
   */
  toObject(): Record<string, ContextValue> {
    return Object.fromEntries(this.values);
  }

  /** A deep copy with its own values and log, for parallel branch isolation (§3.8). */
  clone(): Context {
    return new Context(this.snapshot(), [...this.logEntries]);
  }

  /** Merges `updates` into the context. */
  applyUpdates(updates: Record<string, ContextValue> | undefined): void {
    if (!updates) return;
    for (const [key, value] of Object.entries(updates)) this.values.set(key, value);
  }
}

/** Renders a context value as text: strings as-is, others as JSON. */
export function stringify(value: ContextValue): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value);
}
