/**
 * Where a recorder writes: the embedded store (library API, synchronous) or a CXDB server over
 * HTTP (`CxdbHttpClient`, asynchronous), behind one small interface; and a stand-in for a store
 * that could not be opened.
 * @module
 */
import type { CxdbHttpClient } from "../client/http-client.js";
import { CxdbError } from "../store/errors.js";
import { CONVERSATION_ITEM_TYPE } from "../store/metadata.js";
import type { Store } from "../store/store.js";
import type { ContextMetadata } from "../store/types.js";
import { CONVERSATION_ITEM_BUNDLE, CONVERSATION_ITEM_BUNDLE_ID } from "./conversation-bundle.js";
import { CONVERSATION_ITEM_VERSION } from "./conversation-item.js";

/** A value, or a promise of it (embedded backends answer synchronously). */
export type MaybePromise<T> = T | Promise<T>;

/** One encoded turn to append. */
export interface EncodedTurn {
  /** msgpack bytes of a `cxdb.ConversationItem`. */
  payload: Uint8Array;
  idempotencyKey?: string;
}

/** Lineage of an existing context, read back to continue it. */
export interface ExistingContext {
  rootContextId?: number;
  traceId?: string;
}

/** Largest batch sent in one append-batch call (the store's MAX_BATCH). */
const BATCH = 256;

/** The operations a recorder needs. Methods throw (or reject) on failure. */
export interface RecorderBackend {
  readonly kind: "embedded" | "remote";
  /** Store file or server URL. */
  readonly target: string;
  /** True when every method answers synchronously. */
  readonly sync: boolean;
  /** Publishes the ConversationItem registry bundle (idempotent). */
  registerBundle(): MaybePromise<void>;
  /** Creates an empty context; `metadata` is what listings show until its first turn. */
  createContext(metadata: ContextMetadata): MaybePromise<number>;
  /** An existing context's lineage, or undefined when there is no such context. */
  findContext(contextId: number): MaybePromise<ExistingContext | undefined>;
  /** Appends turns to a context, in order. */
  append(contextId: number, turns: readonly EncodedTurn[]): MaybePromise<void>;
  /** Releases what the backend opened. */
  close(): MaybePromise<void>;
}

/** The embedded store; closes it on `close` only when `owned`. */
export class EmbeddedBackend implements RecorderBackend {
  readonly kind = "embedded";
  readonly sync = true;
  readonly target: string;

  constructor(
    private readonly store: Store,
    private readonly owned: boolean,
  ) {
    this.target = store.file;
  }

  registerBundle(): void {
    this.store.putBundle(CONVERSATION_ITEM_BUNDLE_ID, CONVERSATION_ITEM_BUNDLE);
  }

  createContext(metadata: ContextMetadata): number {
    return this.store.createContext({ metadata }).contextId;
  }

  findContext(contextId: number): ExistingContext | undefined {
    let provenance: ContextMetadata["provenance"];
    try {
      provenance = this.store.getContext(contextId).metadata?.provenance;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    return { rootContextId: provenance?.rootContextId, traceId: provenance?.traceId || undefined };
  }

  append(contextId: number, turns: readonly EncodedTurn[]): void {
    for (let i = 0; i < turns.length; i += BATCH) {
      this.store.appendBatch(
        contextId,
        turns.slice(i, i + BATCH).map((t) => ({
          typeId: CONVERSATION_ITEM_TYPE,
          typeVersion: CONVERSATION_ITEM_VERSION,
          payload: t.payload,
          idempotencyKey: t.idempotencyKey,
        })),
      );
    }
  }

  close(): void {
    if (this.owned) this.store.close();
  }
}

/** A CXDB-compatible server over HTTP. */
export class RemoteBackend implements RecorderBackend {
  readonly kind = "remote";
  readonly sync = false;

  constructor(
    private readonly client: CxdbHttpClient,
    readonly target: string,
  ) {}

  async registerBundle(): Promise<void> {
    await this.client.putBundle(CONVERSATION_ITEM_BUNDLE_ID, CONVERSATION_ITEM_BUNDLE);
  }

  async createContext(metadata: ContextMetadata): Promise<number> {
    const head = await this.client.createContext({
      clientTag: metadata.clientTag,
      title: metadata.title,
      labels: metadata.labels,
    });
    return head.contextId;
  }

  async findContext(contextId: number): Promise<ExistingContext | undefined> {
    try {
      const provenance = (await this.client.getContext(contextId)).provenance;
      const root = provenance?.root_context_id;
      const trace = provenance?.trace_id;
      return {
        rootContextId: root === undefined || root === null ? undefined : Number(root),
        traceId: typeof trace === "string" && trace !== "" ? trace : undefined,
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async append(contextId: number, turns: readonly EncodedTurn[]): Promise<void> {
    for (let i = 0; i < turns.length; i += BATCH) {
      const items = turns.slice(i, i + BATCH).map((t) => ({
        typeId: CONVERSATION_ITEM_TYPE,
        typeVersion: CONVERSATION_ITEM_VERSION,
        payload: t.payload,
        idempotencyKey: t.idempotencyKey,
      }));
      if (items.length === 1) await this.client.append(contextId, items[0]);
      else await this.client.appendBatch(contextId, items);
    }
  }

  close(): void {}
}

/** A store that could not be opened: every operation throws the error that prevented it. */
export class UnavailableBackend implements RecorderBackend {
  readonly sync = true;

  constructor(
    readonly kind: "embedded" | "remote",
    readonly target: string,
    private readonly error: unknown,
  ) {}

  registerBundle(): never {
    throw this.error;
  }

  createContext(): never {
    throw this.error;
  }

  findContext(): never {
    throw this.error;
  }

  append(): never {
    throw this.error;
  }

  close(): void {}
}

function isNotFound(error: unknown): boolean {
  return CxdbError.isInstance(error) && error.status === 404;
}
