/**
 * The Web API route, `POST` (or `GET`) `/api/<method>`: reads the arguments (query, form or JSON
 * body), finds the token (`Authorization: Bearer` or the `token` argument), applies realistic
 * mode's rate limits, checks the method's scopes and answers `{ok:true,...}` or Slack's
 * `{ok:false,error,...}` (HTTP 200), with the `x-oauth-scopes` headers Slack sends.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendJson, sendWireError } from "../../kit/send.js";
import type { TwinKit } from "../../kit/types.js";
import { SlackApiError, slackError, slackErrors } from "../errors.js";
import { chatMethods } from "../methods/chat.js";
import { conversationsMethods } from "../methods/conversations.js";
import { filesMethods } from "../methods/files.js";
import { reactionsMethods } from "../methods/reactions.js";
import { usersMethods } from "../methods/users.js";
import { viewsMethods } from "../methods/views.js";
import { workspaceMethods } from "../methods/workspace.js";
import type { SlackRuntime } from "../slack-runtime.js";
import type { TokenRecord } from "../state/types.js";
import { SlackArgs } from "./args.js";
import { type MethodContext, requireScope, type SlackMethod, type SlackMethods } from "./method.js";

/** Every Web API method the twin serves, by name. */
export const SLACK_METHODS: Readonly<SlackMethods> = {
  ...workspaceMethods,
  ...chatMethods,
  ...conversationsMethods,
  ...usersMethods,
  ...reactionsMethods,
  ...filesMethods,
  ...viewsMethods,
};

/** The token of a call. @throws SlackApiError `not_authed`, `invalid_auth`, `account_inactive`. */
function tokenOf(request: FastifyRequest, args: SlackArgs, runtime: SlackRuntime): TokenRecord {
  const header = request.headers.authorization;
  const bearer = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  const text = bearer ?? args.string("token");
  if (text === undefined) throw slackError("not_authed");
  const token = runtime.state.tokens.get(text);
  if (!token) throw slackError("invalid_auth");
  if (token.userId !== undefined && runtime.state.users.get(token.userId)?.deleted) {
    throw slackError("account_inactive");
  }
  return token;
}

function contextOf(
  name: string,
  request: FastifyRequest,
  args: SlackArgs,
  token: TokenRecord,
  kit: TwinKit,
  runtime: SlackRuntime,
): MethodContext {
  const state = runtime.state;
  const user = token.userId === undefined ? undefined : state.users.get(token.userId);
  const bot = token.botId === undefined ? undefined : state.bots.get(token.botId);
  const app = token.appId === undefined ? undefined : state.apps.get(token.appId);
  return {
    method: name,
    kit,
    runtime,
    state,
    args,
    token,
    get user() {
      if (!user) throw slackError("not_allowed_token_type");
      return user;
    },
    ...(bot ? { bot } : {}),
    ...(app ? { app } : {}),
    origin: `${request.protocol}://${request.host}`,
  };
}

/** Rate-limit bucket of a call: per method and app (or user); per channel too for `post`. */
function bucketOf(name: string, method: SlackMethod, token: TokenRecord, args: SlackArgs): string {
  const caller = token.appId ?? token.userId ?? token.token;
  return method.tier === "post" ? `${name}:${caller}:${args.string("channel") ?? ""}` : `${name}:${caller}`;
}

async function serve(
  request: FastifyRequest<{ Params: { method: string } }>,
  reply: FastifyReply,
  kit: TwinKit,
  runtime: SlackRuntime,
): Promise<FastifyReply> {
  const name = request.params.method;
  const method = SLACK_METHODS[name];
  if (!method) return sendJson(request, reply, kit, { ok: false, error: "unknown_method", req_method: name });
  const args = SlackArgs.from(request.query, request.body);
  try {
    const token = tokenOf(request, args, runtime);
    reply.header("x-oauth-scopes", token.scopes.join(","));
    reply.header("x-accepted-oauth-scopes", method.scopes.join(","));
    if (!(method.tokens ?? ["bot", "user"]).includes(token.kind)) throw slackError("not_allowed_token_type");
    const wait = runtime.limiter.take(bucketOf(name, method, token, args), method.tier);
    if (wait > 0) return sendWireError(reply, slackErrors.rateLimited({ retryAfterSeconds: wait }));
    const ctx = contextOf(name, request, args, token, kit, runtime);
    requireScope(ctx, ...method.scopes);
    return sendJson(request, reply, kit, { ok: true, ...method.handler(ctx) });
  } catch (error) {
    if (error instanceof SlackApiError) return sendJson(request, reply, kit, error.toBody());
    throw error;
  }
}

/** Registers `/api/:method` (GET and POST) on the Slack twin's context. */
export function apiRoutes(app: FastifyInstance, kit: TwinKit, runtime: SlackRuntime): void {
  app.route<{ Params: { method: string } }>({
    method: ["GET", "POST"],
    url: "/api/:method",
    handler: (request, reply) => serve(request, reply, kit, runtime),
  });
}
