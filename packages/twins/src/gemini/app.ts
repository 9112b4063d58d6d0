/**
 * The Gemini twin (Gemini API, `generativelanguage.googleapis.com`): its definition for the twin
 * registry (auth, errors, implicit prompt caching, routes) and `buildGeminiTwin`.
 *
 * Keys: the `x-goog-api-key` header or the `key` query parameter (an OAuth `Authorization:
 * Bearer` token is checked the same way). Without `TwinOptions.apiKeys`, any non-empty key
 * without spaces is valid; with it, only the listed keys. No key: Google's 403
 * `PERMISSION_DENIED` ("Method doesn't allow unregistered callers ..."); a refused key: its 400
 * `INVALID_ARGUMENT` with `ErrorInfo` reason `API_KEY_INVALID`.
 * Caching: implicit (automatic), prefixes of 1024+ tokens (4096+ for Pro models), five minutes.
 * @module
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { isAcceptedKey } from "../kit/auth.js";
import { buildTwinApp } from "../kit/build-twin-app.js";
import type { TwinDefinition, TwinKit, TwinOptions, WireError } from "../kit/types.js";
import { geminiErrors, invalidApiKey, invalidBearerToken, missingApiKey } from "./errors.js";
import { implicitCacheMinTokens } from "./models.js";
import { readGeminiRecordedReply } from "./recorded-reply.js";
import { generateContentRoutes, shapedError, splitCall } from "./routes/generate-content.js";
import { modelsRoutes } from "./routes/models.js";

/** Checks `x-goog-api-key`, then `?key=`, then `Authorization: Bearer` (see the module doc). */
export function authenticateGemini(request: FastifyRequest, kit: TwinKit): WireError | undefined {
  const header = request.headers["x-goog-api-key"];
  const query = (request.query as { key?: unknown } | undefined)?.key;
  const key = typeof header === "string" ? header : typeof query === "string" ? query : undefined;
  if (key !== undefined) return isAcceptedKey(key, kit) ? undefined : shapedError(request, invalidApiKey());
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1];
  if (bearer !== undefined) return isAcceptedKey(bearer, kit) ? undefined : shapedError(request, invalidBearerToken());
  return shapedError(request, missingApiKey());
}

/** The model a request names: the path segment after `models/` (without the `:method`). */
export function geminiModelOf(request: FastifyRequest): string | undefined {
  const match = /\/models\/([^/?]+)/.exec(request.url);
  return match ? decodeURIComponent(splitCall(match[1]).model) : undefined;
}

/** The Gemini twin's definition (registered as `gemini` by `registerBuiltinTwins`). */
export const geminiTwin: TwinDefinition = {
  name: "gemini",
  title: "Gemini",
  defaultPort: 4103,
  sdkBaseUrl: { env: "GEMINI_BASE_URL", path: "" },
  upstream: "https://generativelanguage.googleapis.com",
  cachePolicy: { mode: "automatic", minTokens: implicitCacheMinTokens, ttlMs: 5 * 60_000 },
  errors: geminiErrors,
  authenticate: authenticateGemini,
  modelOf: geminiModelOf,
  readRecordedReply: readGeminiRecordedReply,
  plugin: async (app: FastifyInstance, kit: TwinKit) => {
    generateContentRoutes(app, kit);
    modelsRoutes(app, kit);
  },
};

/** Builds the Gemini twin's app (never listens; see `startTwin("gemini")` to serve it). */
export function buildGeminiTwin(options: TwinOptions = {}): FastifyInstance {
  return buildTwinApp("gemini", options);
}
