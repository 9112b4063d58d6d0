/**
 * The recorder: sessions (one per context) submit operations to one ordered queue per recorder,
 * applied at once against an embedded store or drained in order against a remote one (consecutive
 * appends to one context go as one append-batch). The first failure stops recording with one
 * warning; the caller's work goes on.
 * @module
 */
import { CxdbHttpClient } from "../client/http-client.js";
import { CxdbError } from "../store/errors.js";
import { openStore, type Store } from "../store/store.js";
import type { Provenance } from "../store/types.js";
import {
  EmbeddedBackend,
  type EncodedTurn,
  type ExistingContext,
  type MaybePromise,
  type RecorderBackend,
  RemoteBackend,
  UnavailableBackend,
} from "./backends.js";
import { encodeConversationItem } from "./encode-conversation-item.js";
import { type Op, Session, type SessionHost } from "./session.js";
import type {
  ChildSessionOptions,
  ContextRecorder,
  RecorderOptions,
  RecordingReport,
  SessionOptions,
  SessionRecorder,
} from "./types.js";

/** Default time limit of one HTTP request of a remote recorder, in ms. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** True for targets that name a server (`http://` or `https://`) rather than a store file. */
export function isRemoteTarget(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

/**
 * Opens a recorder on `target`: an `http(s)://` URL (a CXDB-compatible server's HTTP gateway) or
 * the path of an embedded store file (created if missing). Publishes the `cxdb.ConversationItem`
 * registry bundle first (idempotent).
 *
 * Never rejects: a store that cannot be opened gives a recorder that has already failed (one
 * warning through `options.onWarning`, every write dropped, `report().error` set). A server is
 * not contacted here; a failure shows on the first write.
 */
export async function openRecorder(target: string, options: RecorderOptions = {}): Promise<ContextRecorder> {
  if (isRemoteTarget(target)) {
    const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const client = new CxdbHttpClient(target, {
      fetch: withTimeout(options.fetch ?? fetch, timeoutMs),
      headers: options.headers,
    });
    return new Recorder(new RemoteBackend(client, target), options);
  }
  let store: Store;
  try {
    store = await openStore(target, options.storeOptions);
  } catch (error) {
    return new Recorder(new UnavailableBackend("embedded", target, error), options);
  }
  return new Recorder(new EmbeddedBackend(store, true), options);
}

/**
 * A recorder writing into an already open store (which `close` leaves open). Never throws; see
 * {@link openRecorder}.
 */
export function recordToStore(store: Store, options: RecorderOptions = {}): ContextRecorder {
  return new Recorder(new EmbeddedBackend(store, false), options);
}

/** Most turns sent in one remote batch. */
const MAX_BATCH = 256;

class Recorder implements ContextRecorder, SessionHost {
  readonly kind: "embedded" | "remote";
  readonly target: string;
  readonly clientTag: string | undefined;
  readonly baseProvenance: Provenance;
  readonly now: () => number;
  readonly #backend: RecorderBackend;
  readonly #onWarning: (message: string) => void;
  readonly #waiting = new Set<Session>();
  #queue: Op[] = [];
  #draining: Promise<void> | undefined;
  #error: string | undefined;
  #registryWarned = false;
  #contexts = 0;
  #turns = 0;
  #dropped = 0;
  #closing: Promise<RecordingReport> | undefined;

  constructor(backend: RecorderBackend, options: RecorderOptions) {
    this.#backend = backend;
    this.kind = backend.kind;
    this.target = backend.target;
    this.clientTag = options.clientTag;
    this.baseProvenance = { ...options.provenance };
    this.now = options.now ?? Date.now;
    this.#onWarning = options.onWarning ?? (() => undefined);
    this.submit({ kind: "bundle" });
  }

  openSession(options: SessionOptions = {}): SessionRecorder {
    const session = new Session(this, options, undefined);
    this.submit({ kind: "create", session });
    return session;
  }

  resumeSession(contextId: number, fallback: SessionOptions = {}): SessionRecorder {
    const session = new Session(this, fallback, undefined);
    this.submit({ kind: "resume", session, contextId });
    return session;
  }

  /** Opens a child of `parent` (see {@link SessionRecorder.child}). */
  openChild(parent: Session, options: ChildSessionOptions): SessionRecorder {
    const session = new Session(this, options, { parent, spawnReason: options.spawnReason });
    this.submit({ kind: "create", session });
    return session;
  }

  async flush(): Promise<void> {
    while (this.#draining !== undefined) await this.#draining;
  }

  report(): RecordingReport {
    const report: RecordingReport = {
      kind: this.kind,
      target: this.target,
      contexts: this.#contexts,
      turns: this.#turns,
      dropped: this.#dropped,
    };
    if (this.#error !== undefined) report.error = this.#error;
    return report;
  }

  close(): Promise<RecordingReport> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<RecordingReport> {
    await this.flush();
    try {
      await this.#backend.close();
    } catch {
      // Nothing is left to write; a failing close changes nothing for the caller.
    }
    this.#settleWaiting();
    return this.report();
  }

  /** Queues (remote) or applies (embedded) one operation; drops it once recording stopped or closed. */
  submit(op: Op): void {
    if (this.#error !== undefined || this.#closing !== undefined) {
      if (op.kind === "append") this.#dropped++;
      if (op.kind === "create" || op.kind === "resume") op.session.settle(undefined);
      return;
    }
    if (op.kind === "create" || op.kind === "resume") this.#waiting.add(op.session);
    if (this.#backend.sync) {
      try {
        this.#apply([op]);
      } catch (error) {
        this.#fail(error, [op]);
      }
      return;
    }
    this.#queue.push(op);
    this.#kick();
  }

  #kick(): void {
    if (this.#draining !== undefined) return;
    this.#draining = this.#drain().then(() => {
      this.#draining = undefined;
      if (this.#queue.length > 0) this.#kick();
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#take();
      try {
        await this.#apply(batch);
      } catch (error) {
        this.#fail(error, batch);
      }
    }
  }

  /** The next operation, with the appends to the same context that follow it. */
  #take(): Op[] {
    const first = this.#queue.shift() as Op;
    if (first.kind !== "append") return [first];
    const batch: Op[] = [first];
    while (
      batch.length < MAX_BATCH &&
      this.#queue[0]?.kind === "append" &&
      (this.#queue[0] as { session: Session }).session === first.session
    ) {
      batch.push(this.#queue.shift() as Op);
    }
    return batch;
  }

  #apply(batch: Op[]): MaybePromise<void> {
    const op = batch[0];
    switch (op.kind) {
      case "bundle":
        return this.#registerBundle();
      case "create":
        return this.#create(op.session);
      case "resume":
        return then(this.#backend.findContext(op.contextId), (found) =>
          found === undefined ? this.#create(op.session) : this.#bind(op.session, op.contextId, found),
        );
      case "append": {
        const session = op.session;
        const contextId = session.contextId;
        if (contextId === undefined) throw new Error("the context was never created");
        const turns: EncodedTurn[] = [];
        for (const o of batch as Array<Extract<Op, { kind: "append" }>>) {
          turns.push({
            payload: encodeConversationItem(session.withMetadata(o.item)),
            idempotencyKey: o.idempotencyKey,
          });
        }
        return then(this.#backend.append(contextId, turns), () => {
          this.#turns += turns.length;
        });
      }
      default: {
        const never: never = op;
        throw new Error(`unknown operation ${JSON.stringify(never)}`);
      }
    }
  }

  #create(session: Session): MaybePromise<void> {
    const metadata = session.prepareMetadata();
    return then(this.#backend.createContext(metadata), (contextId) => {
      this.#contexts++;
      session.bind(contextId);
      this.#waiting.delete(session);
    });
  }

  #bind(session: Session, contextId: number, existing: ExistingContext): void {
    this.#contexts++;
    session.bindExisting(contextId, existing);
    this.#waiting.delete(session);
  }

  #registerBundle(): MaybePromise<void> {
    const refused = (error: unknown): void => {
      // A registry that refuses the bundle (a conflicting cxdb.ConversationItem) still stores turns.
      if (!CxdbError.isInstance(error) || error.status >= 500) throw error;
      if (this.#registryWarned) return;
      this.#registryWarned = true;
      this.#onWarning(
        `recording to ${this.target}: the type registry refused the cxdb.ConversationItem bundle (${error.message}); turns are recorded, the typed view may not show them`,
      );
    };
    try {
      const pending = this.#backend.registerBundle();
      return pending instanceof Promise ? pending.catch(refused) : undefined;
    } catch (error) {
      refused(error);
    }
  }

  #fail(error: unknown, batch: readonly Op[]): void {
    if (this.#error !== undefined) return;
    this.#error = messageOf(error);
    const lost = [...batch, ...this.#queue];
    this.#queue = [];
    this.#dropped += lost.filter((op) => op.kind === "append").length;
    this.#settleWaiting();
    this.#onWarning(`recording to ${this.target} failed: ${this.#error}; later turns are not recorded`);
  }

  #settleWaiting(): void {
    for (const session of this.#waiting) session.settle(undefined);
    this.#waiting.clear();
  }
}

/** A value, or what `fn` makes of it once it resolves. */
function then<T, R>(value: MaybePromise<T>, fn: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

/** `fetch` with a time limit on requests that have no signal of their own. */
function withTimeout(fetchFn: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => fetchFn(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}

/** An error's message, with the network cause (`fetch failed (ECONNREFUSED)`) when there is one. */
function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail =
    typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : undefined;
  return detail !== undefined && !error.message.includes(detail) ? `${error.message} (${detail})` : error.message;
}
