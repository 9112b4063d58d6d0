/**
 * `GET /v1/events`: the live store events as Server-Sent Events, in CXDB's wire form (a `connected`
 * event first, then `event: <type>` / `data: <flat JSON>` per event, ids as strings, and a
 * `:heartbeat` comment after each quiet interval).
 * @module
 */
import type { ServerResponse } from "node:http";
import type { FastifyPluginAsync } from "fastify";
import type { StoreEvent } from "../../store/events.js";
import type { Store } from "../../store/store.js";

/** Options of the events route. */
export interface EventsRouteOptions {
  /** Quiet time before a heartbeat comment, in ms. Default 20,000 (CXDB's). */
  heartbeatMs: number;
}

/** CXDB's SSE data object for an event. */
export function eventJson(event: StoreEvent): Record<string, unknown> {
  switch (event.type) {
    case "context_created":
      return {
        context_id: String(event.contextId),
        session_id: event.sessionId === undefined ? "" : String(event.sessionId),
        client_tag: event.clientTag,
        created_at: event.createdAtUnixMs,
        head_turn_id: String(event.headTurnId),
        head_depth: event.headDepth,
      };
    case "context_metadata_updated": {
      const out: Record<string, unknown> = { context_id: String(event.contextId), has_provenance: event.hasProvenance };
      if (event.clientTag !== undefined) out.client_tag = event.clientTag;
      if (event.title !== undefined) out.title = event.title;
      if (event.labels !== undefined) out.labels = event.labels;
      return out;
    }
    case "turn_appended":
      return {
        context_id: String(event.contextId),
        turn_id: String(event.turnId),
        parent_turn_id: String(event.parentTurnId),
        depth: event.depth,
        declared_type_id: event.declaredTypeId,
        declared_type_version: event.declaredTypeVersion,
      };
    case "client_connected":
      return { session_id: String(event.sessionId), client_tag: event.clientTag };
    case "client_disconnected":
      return { session_id: String(event.sessionId), client_tag: event.clientTag, contexts: event.contexts.map(String) };
  }
}

/** The SSE route; open streams end when the app closes. */
export function eventRoutes(store: Store, options: EventsRouteOptions): FastifyPluginAsync {
  return async (app) => {
    const open = new Set<ServerResponse>();
    app.addHook("preClose", async () => {
      for (const res of open) res.end();
      open.clear();
    });

    app.get("/v1/events", (request, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "Content-Type": "text/event-stream",
        "Cache-Control": "no-cache",
        Connection: "keep-alive",
        "Access-Control-Allow-Origin": "*",
        "X-Accel-Buffering": "no",
      });
      open.add(res);
      let timer: NodeJS.Timeout | undefined;
      const beat = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          res.write(":heartbeat\n\n");
          beat();
        }, options.heartbeatMs);
        timer.unref();
      };
      const write = (type: string, data: string): void => {
        res.write(`event: ${type}\ndata: ${data}\n\n`);
        beat();
      };
      const unsubscribe = store.events.subscribe((event) => write(event.type, JSON.stringify(eventJson(event))));
      const stop = (): void => {
        clearTimeout(timer);
        unsubscribe();
        open.delete(res);
      };
      request.raw.on("close", stop);
      res.on("close", stop);
      res.on("error", stop);
      write("connected", "{}");
    });
  };
}
