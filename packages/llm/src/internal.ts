/**
 * Layer 2 provider utilities for adapter authors (unified-llm-spec §2.1): HTTP, SSE, media,
 * rate limits. Not part of the application API.
 * @module
 */

export type { ErrorBodyInfo, HttpCall, OpenResponse } from "./http/http-call.js";
export { callJson, failure, httpError, openHttp, requestIdOf } from "./http/http-call.js";
export type { ResolvedMedia } from "./http/media.js";
export { isLocalPath, mimeFromPath, resolveMedia } from "./http/media.js";
export { parseRateLimit } from "./http/rate-limit.js";
export { parseRetryAfter } from "./http/retry-after.js";
export type { ReadSseOptions, SseMessage } from "./http/sse.js";
export { parseSseJson, readSse } from "./http/sse.js";
