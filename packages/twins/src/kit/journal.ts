/**
 * The request journal: every request a twin served, with the response it sent, in a bounded ring
 * buffer, with filters and live subscribers (the admin API and web UI read it).
 * @module
 */
import { globMatch } from "./glob.js";

/** The response part of a journal entry. */
export interface JournalResponse {
  status: number;
  /** Response headers as sent (lower-case names). */
  headers: Record<string, string>;
  /** JSON bodies parsed; anything else (SSE streams included) as the text sent. */
  body: unknown;
}

/** One request and its response. */
export interface JournalEntry {
  /** 1-based, increasing for the life of the twin (not reset). */
  seq: number;
  /** The request id sent back in the twin's request-id header. */
  requestId: string;
  /** When the request arrived (ISO 8601). */
  time: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Path and query, with API keys in the query redacted. */
  url: string;
  /** Request headers (lower-case names), credentials redacted. */
  headers: Record<string, string>;
  /** The parsed request body (JSON), or the text, or null. */
  body: unknown;
  /** The model the request names, when it names one. */
  model?: string;
  /** The fault injected into this request (`rate_limit`, `stream_cut`, ...). */
  fault?: string;
  /** Name or 1-based number of the script rule that answered. */
  scriptRule?: string;
  /** The response; null while the request is in flight. */
  response: JournalResponse | null;
  /** `completed`: the whole response was sent; `aborted`: the connection closed before that. */
  outcome: "pending" | "completed" | "aborted";
  /** Time from arrival to the end of the response (or the close), in ms. */
  durationMs: number | null;
}

/** Filters of {@link Journal.list}; all given ones must hold. */
export interface JournalFilter {
  /** The request id (exact). */
  requestId?: string;
  /** Glob on the path (`/v1/*`). */
  path?: string;
  /** Method, case-insensitive. */
  method?: string;
  /** Response status. */
  status?: number;
  /** Glob on the model. */
  model?: string;
  /** Only entries with `seq` greater than this. */
  sinceSeq?: number;
  /** Only entries that arrived at or after this time (epoch ms). */
  sinceMs?: number;
  /** Skips the newest `offset` entries that pass the other filters (paging back from the newest). */
  offset?: number;
  /** Only the last `limit` entries that pass the other filters (after `offset`). */
  limit?: number;
}

/** A journal event: a finished entry, or the journal was cleared by a reset. */
export type JournalEvent = { type: "entry"; entry: JournalEntry } | { type: "reset" };

/** Bounded, filterable, observable list of {@link JournalEntry}. */
export class Journal {
  /** Entries from index `head` on are kept (older ones wait for the next compaction). */
  private entries: JournalEntry[] = [];
  private head = 0;
  private seq = 0;
  private readonly listeners = new Set<(event: JournalEvent) => void>();

  /** @param capacity most entries kept; the oldest go first (default 1000). */
  constructor(readonly capacity = 1000) {}

  /** Adds a new in-flight entry (assigning its `seq`) and returns it for the caller to fill in. */
  open(entry: Omit<JournalEntry, "seq">): JournalEntry {
    const full = entry as JournalEntry;
    full.seq = ++this.seq;
    this.entries.push(full);
    if (this.entries.length - this.head > this.capacity) this.head++;
    // Compacting in batches keeps adding an entry O(1) however large the capacity.
    if (this.head >= Math.max(this.capacity, 64)) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return full;
  }

  /** Tells subscribers that `entry` is finished (its response or outcome is final). */
  finish(entry: JournalEntry): void {
    if (this.listeners.size > 0) this.emit({ type: "entry", entry });
  }

  /** Entries that pass `filter`, oldest first. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    return this.page(filter).entries;
  }

  /** Entries that pass `filter` (oldest first), and how many passed before `offset` and `limit`. */
  page(filter: JournalFilter = {}): { entries: JournalEntry[]; total: number } {
    const method = filter.method?.toUpperCase();
    const out: JournalEntry[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const e = this.entries[i];
      if (
        (filter.requestId === undefined || e.requestId === filter.requestId) &&
        (filter.path === undefined || globMatch(filter.path, e.path)) &&
        (method === undefined || e.method === method) &&
        (filter.status === undefined || e.response?.status === filter.status) &&
        (filter.model === undefined || (e.model !== undefined && globMatch(filter.model, e.model))) &&
        (filter.sinceSeq === undefined || e.seq > filter.sinceSeq) &&
        (filter.sinceMs === undefined || Date.parse(e.time) >= filter.sinceMs)
      )
        out.push(e);
    }
    const end = Math.max(0, out.length - (filter.offset ?? 0));
    const start = filter.limit !== undefined ? Math.max(0, end - filter.limit) : 0;
    return { entries: out.slice(start, end), total: out.length };
  }

  /** Number of entries kept. */
  get size(): number {
    return this.entries.length - this.head;
  }

  /** Drops every entry (sequence numbers keep counting) and tells subscribers. */
  clear(): void {
    this.entries = [];
    this.head = 0;
    this.emit({ type: "reset" });
  }

  /** Calls `listener` on every event until the returned function is called. */
  subscribe(listener: (event: JournalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(event: JournalEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A subscriber's failure must not break the request that triggered it.
      }
    }
  }
}
