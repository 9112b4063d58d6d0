// An in-memory store behind a (non-listening) HTTP app, for app.inject() tests.
import type { FastifyInstance } from "fastify";
import { buildHttpApp, type HttpAppOptions } from "../../src/http/app.js";
import type { Store } from "../../src/store/store.js";
import { memoryStore } from "./store.js";

/** A store and its HTTP app; `close` closes both. */
export interface HttpFixture {
  store: Store;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Builds a fresh in-memory store and HTTP app. */
export async function httpFixture(options: HttpAppOptions = {}): Promise<HttpFixture> {
  const store = await memoryStore();
  const app = buildHttpApp(store, options);
  await app.ready();
  return {
    store,
    app,
    async close() {
      await app.close();
      store.close();
    },
  };
}

/** The error envelope of a response. */
export function envelope(body: string): { code: number; message: string; [key: string]: unknown } {
  return (JSON.parse(body) as { error: { code: number; message: string } }).error;
}
