/**
 * The HTTP gateway as a fastify app over a {@link Store}: one plugin per resource, CXDB's error
 * envelope for every failure, CORS for browsers, one debug log line and one metrics sample per
 * request (UI files included), and the web UI at `/ui/`. {@link buildHttpApp} never listens;
 * `server.ts` does.
 * @module
 */
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { type CxdbLogger, silentLogger } from "../logger.js";
import type { Store } from "../store/store.js";
import { installErrorHandlers } from "./errors.js";
import { appendRoutes } from "./routes/append.js";
import { blobRoutes } from "./routes/blobs.js";
import { contextRoutes } from "./routes/contexts.js";
import { eventRoutes } from "./routes/events.js";
import { fsRoutes } from "./routes/fs.js";
import { healthRoutes } from "./routes/health.js";
import { metricsRoutes } from "./routes/metrics.js";
import { registryRoutes } from "./routes/registry.js";
import { turnRoutes } from "./routes/turns.js";
import { uiRoutes } from "./routes/ui.js";

/** Options of {@link buildHttpApp}. */
export interface HttpAppOptions {
  /** Largest request body, in bytes; larger ones get a 413 envelope. Default 64 MiB. */
  bodyLimitBytes?: number;
  /** SSE heartbeat interval, in ms. Default 20,000. */
  heartbeatMs?: number;
  /** Where the per-request debug lines go. Default: nowhere. */
  logger?: CxdbLogger;
  /** Version reported by `GET /health`. Default "0.1.0". */
  version?: string;
  /** Folder the web UI is served from (`/ui/`). Default the package's `ui/`. */
  uiDir?: string;
}

/** Default request body limit (64 MiB). */
export const DEFAULT_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * Builds the HTTP app (not listening). Closing the app ends open SSE streams but leaves the store
 * open (its owner closes it).
 */
export function buildHttpApp(store: Store, options: HttpAppOptions = {}): FastifyInstance {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const logger = options.logger ?? silentLogger;
  const app = Fastify({
    logger: false,
    bodyLimit,
    forceCloseConnections: true,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 2048 },
    // Errors fastify raises before routing (a URL that does not decode) get the envelope too.
    frameworkErrors: (error, _request, reply) => {
      const body = JSON.stringify({ error: { code: 400, message: `malformed URL: ${error.message}` } });
      (reply as unknown as FastifyReply).code(400).type("application/json").send(body);
    },
  });
  installErrorHandlers(app, store.metrics, bodyLimit);

  app.addHook("onRequest", async (request, reply) => {
    (request as { startedAt?: number }).startedAt = performance.now();
    reply.header("Access-Control-Allow-Origin", "*");
  });
  app.addHook("onResponse", async (request, reply) => {
    const started = (request as { startedAt?: number }).startedAt ?? performance.now();
    const ms = performance.now() - started;
    store.metrics.recordHttp(reply.statusCode, ms);
    logger.debug(`${request.method} ${request.url} ${reply.statusCode} ${ms.toFixed(1)}ms`);
  });
  app.options("*", async (_request, reply) =>
    reply
      .code(204)
      .header("Access-Control-Allow-Methods", "GET, POST, PUT, OPTIONS")
      .header("Access-Control-Allow-Headers", "Content-Type, If-None-Match")
      .header("Access-Control-Max-Age", "86400")
      .send(),
  );

  app.register(healthRoutes(store, options.version ?? "0.1.0"));
  app.register(eventRoutes(store, { heartbeatMs: options.heartbeatMs ?? 20_000 }));
  app.register(contextRoutes(store));
  app.register(turnRoutes(store));
  app.register(appendRoutes(store));
  app.register(registryRoutes(store));
  app.register(blobRoutes(store));
  app.register(fsRoutes(store));
  app.register(metricsRoutes(store));
  app.register(uiRoutes({ dir: options.uiDir }));
  return app;
}
