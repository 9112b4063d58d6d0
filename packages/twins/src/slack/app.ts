/**
 * The Slack twin: its definition for the twin registry (Slack's error shape, `x-slack-req-id`
 * request ids, the Web API under `/api/`, file upload and download URLs, the Slack admin API, the
 * Events API deliveries and Socket Mode at `/link/`, the web UI at `/`) and `buildSlackTwin`.
 *
 * Tokens are state (see `SlackSeed`): bot (`xoxb-`), user (`xoxp-`) and app-level (`xapp-`)
 * tokens with their scopes, sent as `Authorization: Bearer` or the `token` argument. The SDK's
 * base URL is the twin's URL + `/api/` (`slackApiUrl`). Fault rules see the method name as the
 * "model" (`model: "chat.*"`).
 * @module
 */
import formbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import { buildTwinApp } from "../kit/build-twin-app.js";
import type { TwinDefinition, TwinOptions } from "../kit/types.js";
import { SLACK_ADMIN_PREFIX, slackAdminRoutes } from "./admin.js";
import { apiRoutes } from "./api/dispatch.js";
import { fileRoutes } from "./api/upload.js";
import { slackErrors } from "./errors.js";
import { slackEvents } from "./events/slack-events.js";
import "./options.js";
import { slackRuntime } from "./slack-runtime.js";
import { slackUi } from "./ui/slack-ui.js";

/** The Slack twin's definition (registered as `slack` by `registerBuiltinTwins`). */
export const slackTwin: TwinDefinition = {
  name: "slack",
  title: "Slack",
  defaultPort: 4110,
  sdkBaseUrl: { env: "SLACK_API_URL", path: "/api/" },
  requestId: { header: "x-slack-req-id", mint: (ids) => ids.hex(32) },
  errors: slackErrors,
  modelOf: (request) => (request.params as { method?: string } | undefined)?.method,
  plugin: async (app, kit) => {
    const runtime = slackRuntime(kit, (error) => app.log.error({ err: error }, "slack state listener failed"));
    kit.onReset(() => runtime.reseed());
    app.addHook("onClose", async () => runtime.close());
    await app.register(formbody);
    apiRoutes(app, kit, runtime);
    await app.register(fileRoutes(runtime));
    await app.register(slackAdminRoutes(runtime), { prefix: SLACK_ADMIN_PREFIX });
    const events = slackEvents(kit, runtime);
    await app.register(events.plugin);
    await app.register(slackUi(runtime, events));
  },
};

/**
 * Builds the Slack twin's app (never listens; see `startTwin("slack")` to serve it). Its state
 * exists once the app is ready (`await app.ready()`), see `slackState`.
 */
export function buildSlackTwin(options: TwinOptions = {}): FastifyInstance {
  return buildTwinApp("slack", options);
}
