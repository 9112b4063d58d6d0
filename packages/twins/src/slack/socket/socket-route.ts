/**
 * The Socket Mode endpoint, `GET /link/?ticket=...` upgraded to a WebSocket: the ticket handed
 * out by `apps.connections.open` (single use, 30 s) names the app; a missing, used or expired
 * ticket is refused with HTTP 401 before the upgrade.
 * @module
 */
import websocket from "@fastify/websocket";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { SOCKET_MODE_PATH } from "../methods/workspace.js";
import type { SlackRuntime } from "../slack-runtime.js";
import type { SocketModeHub } from "./socket-hub.js";

/**
 * Registers `@fastify/websocket` and the `/link/` route on `app` (the Slack twin's context);
 * accepted connections go to `hub`.
 */
export async function socketModeRoute(app: FastifyInstance, runtime: SlackRuntime, hub: SocketModeHub): Promise<void> {
  await app.register(websocket);
  const appOf = new WeakMap<FastifyRequest, string>();
  app.get<{ Querystring: { ticket?: string } }>(
    SOCKET_MODE_PATH,
    {
      websocket: true,
      preValidation: async (request, reply) => {
        const ticket = request.query.ticket ?? "";
        const entry = runtime.tickets.get(ticket);
        runtime.tickets.delete(ticket);
        if (!entry || entry.expiresMs < runtime.state.now()) {
          return reply.code(401).type("application/json").send('{"ok":false,"error":"invalid_ticket"}');
        }
        appOf.set(request, entry.appId);
      },
    },
    (socket, request) => hub.attach(appOf.get(request) ?? "", socket),
  );
}
