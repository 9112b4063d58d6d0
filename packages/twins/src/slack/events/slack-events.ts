/**
 * Wiring of the Slack twin's event delivery: the Events API dispatcher, Socket Mode (`/link/`),
 * slash commands and interactivity with their response URLs, and their admin routes, as one plugin of the twin's
 * context.
 * @module
 */
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { TwinKit } from "../../kit/types.js";
import { SLACK_ADMIN_PREFIX } from "../admin.js";
import { SlackApiError } from "../errors.js";
import type { SlackRuntime } from "../slack-runtime.js";
import { SocketModeHub } from "../socket/socket-hub.js";
import { socketModeRoute } from "../socket/socket-route.js";
import { EventHub } from "./event-hub.js";
import { eventsAdminRoutes } from "./events-admin.js";
import { Interactivity } from "./interactivity.js";
import { interactivityAdminRoutes } from "./interactivity-admin.js";
import { RESPONSE_URL_PATHS, ResponseUrls } from "./response-urls.js";
import { SlashCommands } from "./slash-commands.js";
import { DEFAULT_DELIVERY_CONFIG, type DeliveryConfig } from "./types.js";

/**
 * Event delivery of one twin: its dispatcher, its slash commands and interactivity, and the
 * plugin that serves them.
 */
export interface SlackEvents {
  hub: EventHub;
  commands: SlashCommands;
  interactivity: Interactivity;
  /**
   * Register it on the Slack twin's context: `/link/`, response URLs (`/commands/<id>`,
   * `/actions/<id>`) and the admin routes; stops the hub on close.
   */
  plugin: FastifyPluginAsync;
}

/** The origin `app` listens on (`http://127.0.0.1:4110`), or `http://localhost` before it listens. */
function originOf(app: FastifyInstance | undefined): string {
  try {
    return app?.listeningOrigin ?? "http://localhost";
  } catch {
    return "http://localhost";
  }
}

/**
 * Event delivery for the twin of `kit`, configured by `TwinOptions.slack.events` (see
 * `SlackEventsOptions`). The dispatcher follows the state from registration on.
 */
export function slackEvents(kit: TwinKit, runtime: SlackRuntime): SlackEvents {
  const config: DeliveryConfig = { ...DEFAULT_DELIVERY_CONFIG, ...kit.options.slack?.events };
  const sockets = new SocketModeHub(config.socketPingIntervalMs);
  let context: FastifyInstance | undefined;
  const hub = new EventHub({ state: runtime.state, sockets, origin: () => originOf(context), config });
  const responses = new ResponseUrls(runtime.state);
  const commands = new SlashCommands(runtime.state, hub, responses);
  const interactivity = new Interactivity(runtime.state, hub, responses);
  kit.onReset(() => hub.log.clear());
  return {
    hub,
    commands,
    interactivity,
    plugin: async (app) => {
      context = app;
      hub.start();
      app.addHook("onClose", async () => {
        hub.stop();
        sockets.close();
      });
      await socketModeRoute(app, runtime, sockets);
      for (const path of Object.values(RESPONSE_URL_PATHS)) {
        app.post<{ Params: { id: string } }>(`${path}/:id`, async (request, reply) => {
          try {
            if (responses.respond(request.params.id, request.body)) return { ok: true };
            return reply.code(404).send({ ok: false, error: "expired_url" });
          } catch (error) {
            if (error instanceof SlackApiError) return reply.code(400).send(error.toBody());
            throw error;
          }
        });
      }
      await app.register(eventsAdminRoutes(runtime.state, hub, sockets, commands), { prefix: SLACK_ADMIN_PREFIX });
      await app.register(interactivityAdminRoutes(runtime.state, interactivity), { prefix: SLACK_ADMIN_PREFIX });
    },
  };
}
