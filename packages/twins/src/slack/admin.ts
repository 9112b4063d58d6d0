/**
 * The Slack twin's own admin API under `/_twin/slack/`: the state as JSON, a new seed, realistic
 * mode, and trigger ids for `views.open`. Errors are `{"error":{"type":"twin_admin_error",
 * "message":...}}` with status 400, as in the kit's admin API. Note: it sits in the twin's
 * context, so fault rules without a `path` apply to it too.
 * @module
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from "fastify";
import { TwinError } from "../kit/twin-error.js";
import type { SlackRuntime } from "./slack-runtime.js";
import { loadSlackSeed } from "./state/seed.js";
import { issueTrigger } from "./state/views.js";

/** Prefix of the Slack admin routes. */
export const SLACK_ADMIN_PREFIX = "/_twin/slack";

function adminError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply
    .code(status)
    .type("application/json")
    .send(JSON.stringify({ error: { type: "twin_admin_error", message } }));
}

/** A JSON object body. @throws TwinError otherwise. */
function jsonBody(body: unknown): Record<string, unknown> {
  try {
    const value = JSON.parse(typeof body === "string" ? body : "");
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value;
  } catch {
    // reported below
  }
  throw new TwinError({ message: "expected a JSON object body" });
}

/** The Slack admin routes of `runtime` (register with prefix {@link SLACK_ADMIN_PREFIX}). */
export function slackAdminRoutes(runtime: SlackRuntime): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
    app.setErrorHandler((error, _request, reply) => {
      const status = TwinError.isInstance(error) ? 400 : ((error as { statusCode?: number }).statusCode ?? 500);
      return adminError(reply, status, (error as Error).message);
    });

    app.get("/state", async () => runtime.state.snapshot());

    app.put("/seed", async (request) => {
      const text = typeof request.body === "string" ? request.body : "";
      if (text.trim() === "") throw new TwinError({ message: "empty request body" });
      runtime.state.replace(loadSlackSeed(text, { file: "<request body>", now: runtime.state.now() }));
      const state = runtime.state;
      return { ok: true, users: state.users.size, channels: state.channels.size, tokens: state.tokens.size };
    });

    app.get("/realistic", async () => ({ enabled: runtime.limiter.enabled }));
    app.put("/realistic", async (request) => {
      const enabled = jsonBody(request.body).enabled;
      if (typeof enabled !== "boolean") throw new TwinError({ message: 'expected {"enabled": true|false}' });
      runtime.limiter.enabled = enabled;
      runtime.limiter.reset();
      return { enabled };
    });

    app.post("/triggers", async (request, reply) => {
      const ref = jsonBody(request.body).user;
      const user = typeof ref === "string" ? runtime.state.findUser(ref) : undefined;
      if (!user) return adminError(reply, 404, `no user '${String(ref)}'`);
      return { trigger_id: issueTrigger(runtime.state, user.id) };
    });
  };
}
