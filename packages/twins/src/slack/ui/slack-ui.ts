/**
 * The Slack twin's web UI: a Slack-like page at the twin's root (`/`) made of plain HTML, CSS and
 * ES modules (`static/`, no build step), served with a strict Content-Security-Policy, over the
 * JSON endpoints of `ui-api.ts` and the live feed of `ui-feed.ts`.
 * @module
 */
import { readFileSync } from "node:fs";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import type { SlackEvents } from "../events/slack-events.js";
import type { SlackRuntime } from "../slack-runtime.js";
import { UI_API_PREFIX, uiApiRoutes } from "./ui-api.js";
import { uiFeedRoute } from "./ui-feed.js";

/**
 * The browser files, by name. They live in the package's `src/` (shipped with it), found the same
 * way from `src/slack/ui/` and from the compiled `dist/slack/ui/`.
 */
const STATIC_DIR = new URL("../../../src/slack/ui/static/", import.meta.url);
const STATIC_TYPES: Readonly<Record<string, string>> = {
  "index.html": "text/html; charset=utf-8",
  "style.css": "text/css; charset=utf-8",
  "messages.css": "text/css; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "api.js": "text/javascript; charset=utf-8",
  "render.js": "text/javascript; charset=utf-8",
  "blocks.js": "text/javascript; charset=utf-8",
  "mrkdwn.js": "text/javascript; charset=utf-8",
};

/** Scripts, styles and connections from the twin only; no inline code, no frames, no plugins. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Path the static files are served under. */
const STATIC_PREFIX = `${UI_API_PREFIX}/static`;

function sendStatic(reply: FastifyReply, files: Map<string, Buffer>, name: string): FastifyReply {
  const body = files.get(name);
  if (!body) return reply.code(404).type("text/plain").send("not found");
  return reply
    .type(STATIC_TYPES[name])
    .header("content-security-policy", CSP)
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "no-cache")
    .send(body);
}

/**
 * The web UI as a plugin of the Slack twin's context; its slash commands and `app_home_opened`
 * go through `events`.
 */
export function slackUi(runtime: SlackRuntime, events: SlackEvents): FastifyPluginAsync {
  return async (app) => {
    const files = new Map(Object.keys(STATIC_TYPES).map((name) => [name, readFileSync(new URL(name, STATIC_DIR))]));
    app.get("/", (_request, reply) => sendStatic(reply, files, "index.html"));
    app.get<{ Params: { file: string } }>(`${STATIC_PREFIX}/:file`, (request, reply) =>
      sendStatic(reply, files, request.params.file),
    );
    uiApiRoutes(app, runtime.state, events);
    uiFeedRoute(app, runtime.state);
  };
}
