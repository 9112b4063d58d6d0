/**
 * The delivery log: the latest Events API and Socket Mode deliveries with their attempts, bounded,
 * for the admin API (`GET /_twin/slack/events/deliveries`).
 * @module
 */
import type { Delivery } from "./types.js";

/** Filters of {@link DeliveryLog.list}; all given ones must hold. */
export interface DeliveryFilter {
  appId?: string;
  /** `event.type` (`message`, `url_verification`, ...). */
  eventType?: string;
  outcome?: Delivery["outcome"];
  /** Only deliveries with `seq` greater than this. */
  sinceSeq?: number;
  /** Only the last `limit` that pass the other filters. */
  limit?: number;
}

/** Bounded list of {@link Delivery} records, oldest first. */
export class DeliveryLog {
  private entries: Delivery[] = [];
  private seq = 0;

  /** @param capacity most deliveries kept; the oldest go first. */
  constructor(readonly capacity = 1000) {}

  /** Adds a new pending delivery (assigning its `seq`) and returns it for the caller to fill in. */
  open(delivery: Omit<Delivery, "seq" | "attempts" | "outcome">): Delivery {
    const entry: Delivery = { seq: ++this.seq, ...delivery, attempts: [], outcome: "pending" };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries = this.entries.slice(-this.capacity);
    return entry;
  }

  /** Deliveries that pass `filter`, oldest first. */
  list(filter: DeliveryFilter = {}): Delivery[] {
    const out = this.entries.filter(
      (d) =>
        (filter.appId === undefined || d.appId === filter.appId) &&
        (filter.eventType === undefined || d.eventType === filter.eventType) &&
        (filter.outcome === undefined || d.outcome === filter.outcome) &&
        (filter.sinceSeq === undefined || d.seq > filter.sinceSeq),
    );
    return filter.limit === undefined ? out : out.slice(Math.max(0, out.length - filter.limit));
  }

  /** Drops every delivery (sequence numbers keep counting). */
  clear(): void {
    this.entries = [];
  }
}
