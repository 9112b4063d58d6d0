/**
 * The Anthropic twin: its definition for the twin registry (auth, errors, prompt caching, request
 * ids, routes) and `buildAnthropicTwin`.
 *
 * Keys: `x-api-key: <key>`, or `Authorization: Bearer <key>` (what `@anthropic-ai/sdk` 1.11 sends
 * for `apiKey`, and OAuth-style clients for `authToken`). Without `TwinOptions.apiKeys`, any
 * non-empty key without spaces is valid; with it, only the listed keys. No credentials:
 * `x-api-key header is required`; a refused key: `invalid x-api-key` (or `Invalid bearer token`),
 * all 401 `authentication_error`.
 * Every provider request needs `anthropic-version` (a published version); `anthropic-beta` names
 * must be known betas. Errors carry `request_id` in the body and `request-id` as a header.
 * Caching: `cache_control` breakpoints, the model's minimum (1024-4096 tokens), 20-block
 * lookback, five minutes after last use (one hour for `ttl: "1h"`).
 * @module
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { isAcceptedKey } from "../kit/auth.js";
import { buildTwinApp } from "../kit/build-twin-app.js";
import { requestState } from "../kit/request-state.js";
import { sendWireError } from "../kit/send.js";
import type { TwinDefinition, TwinKit, TwinOptions, WireError } from "../kit/types.js";
import { readBetas } from "./betas.js";
import {
  AnthropicRequestError,
  anthropicError,
  anthropicErrors,
  invalidApiKey,
  invalidBearerToken,
  missingCredentials,
  RATE_LIMIT_REQUESTS,
  rateLimitHeaders,
} from "./errors.js";
import { mintRequestId } from "./ids.js";
import { minCacheTokens } from "./models.js";
import { readAnthropicRecordedReply } from "./recorded-reply.js";
import { messagesRoutes } from "./routes/messages.js";
import { modelsRoutes } from "./routes/models.js";
import { isObject } from "./validate.js";

/** `anthropic-version` values the API accepts (the SDK 1.11 default is `2026-10-21`). */
export const ANTHROPIC_VERSIONS: readonly string[] = ["2023-01-01", "2023-06-01", "2026-10-21"];

/** The organization id every response names. */
export const ORGANIZATION_ID = "8c3f2a52-5a1d-4e3b-9d1f-7a6b0c2e4d10";

/** Checks `x-api-key`, else `Authorization: Bearer` (see the module doc). */
export function authenticateAnthropic(request: FastifyRequest, kit: TwinKit): WireError | undefined {
  const apiKey = request.headers["x-api-key"];
  if (typeof apiKey === "string" && apiKey !== "") return isAcceptedKey(apiKey, kit) ? undefined : invalidApiKey();
  const header = request.headers.authorization;
  if (typeof header === "string" && header.trim() !== "") {
    const token = /^Bearer\s+(\S.*)$/i.exec(header.trim())?.[1]?.trim();
    return token !== undefined && isAcceptedKey(token, kit) ? undefined : invalidBearerToken();
  }
  return missingCredentials();
}

/** The `anthropic-version` check: required, and a published version. */
function versionError(value: string | string[] | undefined): WireError | undefined {
  if (value === undefined || value === "") {
    return anthropicError(400, "invalid_request_error", "anthropic-version: header is required");
  }
  const version = Array.isArray(value) ? value.join(", ") : value;
  if (!ANTHROPIC_VERSIONS.includes(version)) {
    return anthropicError(400, "invalid_request_error", `anthropic-version: "${version}" is not a valid version`);
  }
  return undefined;
}

/**
 * Hooks of the provider routes: `anthropic-organization-id` and `anthropic-ratelimit-*` headers on
 * every answer, the `anthropic-version` and `anthropic-beta` checks, and `request_id` in error bodies.
 */
function installProviderHooks(app: FastifyInstance, kit: TwinKit): void {
  let windowStartMs = 0;
  let used = 0;
  app.addHook("onRequest", async (request, reply) => {
    const now = kit.now();
    if (now - windowStartMs >= 60_000) {
      windowStartMs = now;
      used = 0;
    }
    used++;
    reply.header("anthropic-organization-id", ORGANIZATION_ID);
    const headers = rateLimitHeaders(RATE_LIMIT_REQUESTS - used, new Date(windowStartMs + 60_000));
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    const refusal = versionError(request.headers["anthropic-version"]);
    if (refusal) return sendWireError(reply, refusal);
    try {
      readBetas(request.headers["anthropic-beta"]);
    } catch (error) {
      if (error instanceof AnthropicRequestError) return sendWireError(reply, error.toWire());
      throw error;
    }
  });
  app.addHook("onSend", async (request, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== "string") return payload;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return payload;
    }
    if (!isObject(body) || body.type !== "error" || "request_id" in body) return payload;
    const text = JSON.stringify({ ...body, request_id: request.id });
    const state = requestState(request);
    if (state) state.responseText = text;
    return text;
  });
  kit.onReset(() => {
    used = 0;
  });
}

/** The Anthropic twin's definition (registered as `anthropic` by `registerBuiltinTwins`). */
export const anthropicTwin: TwinDefinition = {
  name: "anthropic",
  title: "Anthropic",
  defaultPort: 4102,
  sdkBaseUrl: { env: "ANTHROPIC_BASE_URL", path: "" },
  upstream: "https://api.anthropic.com",
  requestId: { header: "request-id", mint: mintRequestId },
  cachePolicy: { mode: "breakpoints", minTokens: (model) => minCacheTokens(model), lookbackBlocks: 20, ttlMs: 300_000 },
  errors: anthropicErrors,
  authenticate: authenticateAnthropic,
  modelOf: (request) => {
    if (isObject(request.body) && typeof request.body.model === "string") return request.body.model;
    const params = request.params as { model_id?: unknown } | undefined;
    return typeof params?.model_id === "string" ? params.model_id : undefined;
  },
  readRecordedReply: readAnthropicRecordedReply,
  plugin: async (app, kit) => {
    installProviderHooks(app, kit);
    messagesRoutes(app, kit);
    modelsRoutes(app, kit);
  },
};

/** Builds the Anthropic twin's app (never listens; see `startTwin("anthropic")` to serve it). */
export function buildAnthropicTwin(options: TwinOptions = {}): FastifyInstance {
  return buildTwinApp("anthropic", options);
}
