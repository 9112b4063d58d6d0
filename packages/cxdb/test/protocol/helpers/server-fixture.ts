/** A store in memory with a binary server on a free port, for protocol tests. */
import { type BinaryServer, startBinaryServer } from "../../../src/protocol/server.js";
import type { StoreEvent } from "../../../src/store/events.js";
import { openStore, type Store } from "../../../src/store/store.js";

export interface ServerFixture {
  store: Store;
  server: BinaryServer;
  events: StoreEvent[];
  logLines: string[];
  close(): Promise<void>;
}

export async function startServerFixture(): Promise<ServerFixture> {
  const store = await openStore(":memory:");
  const events: StoreEvent[] = [];
  store.events.subscribe((e) => events.push(e));
  const logLines: string[] = [];
  const server = await startBinaryServer(store, {
    port: 0,
    logger: { info: (line) => logLines.push(line), debug: () => {} },
  });
  return {
    store,
    server,
    events,
    logLines,
    async close() {
      await server.close();
      store.close();
    },
  };
}

/** A msgpack map `{1: n}` (n < 128): the smallest valid tagged payload. */
export function tinyPayload(n: number): Uint8Array {
  return Uint8Array.of(0x81, 0x01, n & 0x7f);
}
