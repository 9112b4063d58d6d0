/**
 * Wiring: opens the store and starts the HTTP gateway (default 9010) and the binary-protocol
 * server (default 9009) over it, both on 127.0.0.1 by default.
 * @module
 */
import path from "node:path";
import { buildHttpApp } from "./http/app.js";
import { type CxdbLogger, silentLogger } from "./logger.js";
import { startBinaryServer } from "./protocol/server.js";
import { InvalidArgumentError } from "./store/errors.js";
import { openStore, type Store } from "./store/store.js";
import type { StoreOptions } from "./store/types.js";

/** Default HTTP port (CXDB's). */
export const DEFAULT_HTTP_PORT = 9010;

/** Default binary-protocol port (CXDB's). */
export const DEFAULT_PORT = 9009;

/** File name of the store inside a data directory. */
export const STORE_FILE = "cxdb.sqlite";

/** Options of {@link startServer}: give `dataDir` or `path`. */
export interface ServerOptions extends StoreOptions {
  /** Directory holding the store file ({@link STORE_FILE}); created if needed. */
  dataDir?: string;
  /** Store file path (instead of `dataDir`); `:memory:` for a throwaway server. */
  path?: string;
  /** HTTP port; 0 picks a free one. Default 9010. */
  httpPort?: number;
  /** Binary-protocol port; 0 picks a free one. Default 9009. */
  binaryPort?: number;
  /** Interface both servers bind. Default `127.0.0.1`. */
  host?: string;
  /** Where the listening lines (info) and per-request lines (debug) go. Default silent. */
  logger?: CxdbLogger;
  /** SSE heartbeat interval, ms. Default 20,000. */
  heartbeatMs?: number;
  /** Largest HTTP request body, bytes. Default 64 MiB. */
  bodyLimitBytes?: number;
}

/** A running server pair. */
export interface CxdbServer {
  store: Store;
  /** Where the HTTP gateway listens. */
  http: { host: string; port: number; url: string };
  /** Where the binary protocol listens. */
  binary: { host: string; port: number };
  /** Stops both servers (open connections are closed) and closes the store. Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens the store and starts both servers.
 * @throws InvalidArgumentError without `dataDir`/`path`; the listen error (e.g. EADDRINUSE) when a
 *   port is taken (nothing is left running then).
 */
export async function startServer(options: ServerOptions): Promise<CxdbServer> {
  const file = options.path ?? (options.dataDir === undefined ? undefined : path.join(options.dataDir, STORE_FILE));
  if (file === undefined) throw new InvalidArgumentError({ message: "startServer needs dataDir or path" });
  const host = options.host ?? "127.0.0.1";
  const logger = options.logger ?? silentLogger;
  const store = await openStore(file, options);
  const app = buildHttpApp(store, { logger, heartbeatMs: options.heartbeatMs, bodyLimitBytes: options.bodyLimitBytes });
  let binary: Awaited<ReturnType<typeof startBinaryServer>> | undefined;
  try {
    await app.listen({ port: options.httpPort ?? DEFAULT_HTTP_PORT, host });
    const address = app.server.address();
    const httpPort =
      typeof address === "object" && address !== null ? address.port : (options.httpPort ?? DEFAULT_HTTP_PORT);
    const url = `http://${host.includes(":") ? `[${host}]` : host}:${httpPort}`;
    logger.info(`cxdb http listening on ${url} (store ${store.file})`);
    // The binary protocol server (src/protocol/server.ts).
    binary = await startBinaryServer(store, { port: options.binaryPort ?? DEFAULT_PORT, host, logger });
    const running = binary;
    let closing: Promise<void> | undefined;
    return {
      store,
      http: { host, port: httpPort, url },
      binary: { host, port: running.port },
      close() {
        closing ??= (async () => {
          await Promise.allSettled([app.close(), running.close()]);
          store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await Promise.allSettled([app.close(), binary?.close()]);
    store.close();
    throw error;
  }
}
