/**
 * `GET /healthz` (CXDB: plain `ok`) and `GET /health` (the documented JSON status).
 * @module
 */
import type { FastifyPluginAsync } from "fastify";
import type { Store } from "../../store/store.js";

/** Health routes. */
export function healthRoutes(store: Store, version: string): FastifyPluginAsync {
  return async (app) => {
    app.get("/healthz", async (_request, reply) => reply.type("text/plain").send("ok"));
    app.get("/health", async () => ({
      status: store.isClosed ? "closed" : "ok",
      version,
      uptime_seconds: Math.floor(store.metrics.uptimeSeconds()),
    }));
  };
}
