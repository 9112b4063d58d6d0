/**
 * Fastify hooks that fill the journal: an entry per request (except the admin API under
 * `/_twin/`), its body once parsed, the response once sent (the full SSE text for streams), and
 * one debug log line per request (admin requests included).
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { JournalEntry, JournalResponse } from "./journal.js";
import { redactHeaders, redactUrl } from "./redact.js";
import { requestState, setRequestState, type TwinRequestState } from "./request-state.js";
import type { TwinKit } from "./types.js";

/** Path prefix of the admin API; its requests are not journaled. */
export const ADMIN_PREFIX = "/_twin";

/** Installs the journal hooks on the root `app` (they apply to every route). */
export function installJournal(app: FastifyInstance, kit: TwinKit): void {
  app.addHook("onRequest", async (request, reply) => {
    const startedMs = kit.now();
    const query = request.url.indexOf("?");
    const path = query < 0 ? request.url : request.url.slice(0, query);
    const rawHeaders = request.headers;
    let headers: Record<string, string> | undefined;
    const fields: Omit<JournalEntry, "seq"> = {
      requestId: request.id,
      time: new Date(startedMs).toISOString(),
      method: request.method,
      path,
      url: redactUrl(request.url),
      // Redacted when first read (most entries are never read).
      get headers() {
        headers ??= redactHeaders(rawHeaders);
        return headers;
      },
      set headers(value) {
        headers = value;
      },
      body: null,
      response: null,
      outcome: "pending",
      durationMs: null,
    };
    const journaled = !(path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`));
    const entry = journaled ? kit.journal.open(fields) : { ...fields, seq: 0 };
    const state: TwinRequestState = { entry, startedMs };
    setRequestState(request, state);
    reply.raw.once("close", () => finish(request, reply, state, kit, journaled));
  });

  app.addHook("preHandler", async (request) => {
    const state = requestState(request);
    if (!state) return;
    state.entry.body = request.body ?? null;
    const model = kit.definition.modelOf?.(request);
    if (model !== undefined) state.entry.model = model;
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const state = requestState(request);
    if (!state) return payload;
    state.responseHeaders = { ...reply.getHeaders() };
    if (typeof payload === "string" || Buffer.isBuffer(payload)) {
      state.responseText = String(payload);
      state.responseHeaders["content-length"] ??= String(Buffer.byteLength(payload));
    }
    return payload;
  });
}

function finish(
  request: FastifyRequest,
  reply: FastifyReply,
  state: TwinRequestState,
  kit: TwinKit,
  journaled: boolean,
): void {
  const raw = reply.raw;
  const entry = state.entry;
  entry.durationMs = Math.max(0, kit.now() - state.startedMs);
  entry.outcome = raw.writableFinished && !state.cut ? "completed" : "aborted";
  if (raw.headersSent) entry.response = journalResponse(raw.statusCode, state, () => raw.getHeaders());
  if (journaled) kit.journal.finish(entry);
  const status = entry.response?.status ?? 0;
  request.log.debug(
    {
      method: entry.method,
      url: entry.url,
      status,
      durationMs: entry.durationMs,
      model: entry.model,
      fault: entry.fault,
      outcome: entry.outcome,
    },
    `${entry.method} ${entry.url} ${status || "-"} ${entry.durationMs}ms${entry.fault ? ` fault=${entry.fault}` : ""}`,
  );
}

/**
 * The response part of an entry. Headers are redacted and the body decoded when first read: the
 * journal keeps the text as sent (for a stream, the SSE text is one string built once).
 */
function journalResponse(
  status: number,
  state: TwinRequestState,
  sentHeaders: () => Record<string, unknown>,
): JournalResponse {
  const chunks = state.responseChunks;
  const text = state.responseText;
  const captured = state.responseHeaders;
  let headers: Record<string, string> | undefined;
  let body: unknown;
  let decoded = false;
  const readHeaders = (): Record<string, string> => {
    headers ??= redactHeaders({ ...captured, ...sentHeaders() });
    return headers;
  };
  return {
    status,
    get headers() {
      return readHeaders();
    },
    set headers(value) {
      headers = value;
    },
    get body() {
      if (!decoded) {
        body = decodeBody(text ?? chunks?.join(""), readHeaders()["content-type"]);
        decoded = true;
      }
      return body;
    },
    set body(value) {
      body = value;
      decoded = true;
    },
  };
}

function decodeBody(text: string | undefined, contentType: string | undefined): unknown {
  if (text === undefined) return null;
  if (contentType?.includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
