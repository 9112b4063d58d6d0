/**
 * Operation counters and latency samples (a ring of the last 2,048 per operation) for
 * `GET /v1/metrics`: the store records appends and reads, the HTTP layer records requests.
 * @module
 */

/** Operations with their own counter and latency ring. */
export type MetricOp = "append" | "get_last" | "get_blob" | "registry_ingest" | "http";

/** Latency percentiles of the recent samples, in ms. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const RING = 2048;

class Ring {
  private readonly samples = new Float64Array(RING);
  private n = 0;
  total = 0;
  add(ms: number): void {
    this.samples[this.n % RING] = ms;
    this.n++;
    this.total++;
  }
  summary(): LatencySummary {
    const count = Math.min(this.n, RING);
    if (count === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
    const sorted = Array.from(this.samples.subarray(0, count)).sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(count - 1, Math.floor(q * count))];
    return { count, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[count - 1] };
  }
}

/** Counters and latencies since the store was opened. */
export class Metrics {
  /** When the store was opened (for uptime), ms from `performance.now()`. */
  readonly startedAt = performance.now();
  private readonly rings = new Map<MetricOp, Ring>();
  private readonly errors = new Map<string, number>();
  private readonly httpStatus = new Map<number, number>();
  /** Blobs an append or putBlob found already stored. */
  dedupHits = 0;

  /** Records one operation that took `ms` milliseconds. */
  record(op: MetricOp, ms: number): void {
    let ring = this.rings.get(op);
    if (ring === undefined) {
      ring = new Ring();
      this.rings.set(op, ring);
    }
    ring.add(ms);
  }

  /** Records an HTTP request's status and duration. */
  recordHttp(status: number, ms: number): void {
    this.record("http", ms);
    this.httpStatus.set(status, (this.httpStatus.get(status) ?? 0) + 1);
    if (status >= 400) this.recordError("http");
  }

  /** Counts an error of `kind` (`http`, `binary`, `append`, ...). */
  recordError(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  /** Total operations of `op`. */
  total(op: MetricOp): number {
    return this.rings.get(op)?.total ?? 0;
  }

  /** Latency summary of `op`. */
  latency(op: MetricOp): LatencySummary {
    return this.rings.get(op)?.summary() ?? new Ring().summary();
  }

  /** Errors by kind, and their total. */
  errorCounts(): { total: number; byType: Record<string, number> } {
    const byType = Object.fromEntries(this.errors);
    return { total: Object.values(byType).reduce((a, b) => a + b, 0), byType };
  }

  /** HTTP responses by status. */
  httpByStatus(): Record<string, number> {
    return Object.fromEntries([...this.httpStatus].map(([k, v]) => [String(k), v]));
  }

  /** Seconds since the store was opened. */
  uptimeSeconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }
}
