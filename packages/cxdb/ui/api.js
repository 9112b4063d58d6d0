// The HTTP API calls the UI makes (same origin). Ids stay decimal strings (u64_format=string).

/** A failed call, with CXDB's error envelope when the server sent one. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {Record<string, unknown>} [envelope]
   */
  constructor(status, message, envelope) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.envelope = envelope;
  }
}

/** GET `path` with query `params` (undefined/"" left out); resolves to the JSON body. */
export async function getJson(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") query.set(k, String(v));
  const text = query.toString();
  const response = await fetch(text === "" ? path : `${path}?${text}`, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const envelope = body?.error;
    throw new ApiError(response.status, envelope?.message ?? `${response.status} ${response.statusText}`, envelope);
  }
  return body;
}

const id = (value) => encodeURIComponent(String(value));

/** Newest first; `tag` filters on the client tag. */
export function listContexts({ limit, offset, tag }) {
  return getJson("/v1/contexts", { limit, offset, tag });
}

/** CQL search (newest first); rejects with the CQL error (`envelope.position`) when it does not parse. */
export function searchContexts(q, limit) {
  return getJson("/v1/contexts/search", { q, limit });
}

/** One context, with provenance. */
export function getContext(contextId) {
  return getJson(`/v1/contexts/${id(contextId)}`);
}

/** Forked and spawned children of a context. */
export function getChildren(contextId) {
  return getJson(`/v1/contexts/${id(contextId)}/children`);
}

/** A page of turns (oldest first), typed and raw. */
export function getTurns(contextId, { limit, beforeTurnId }) {
  return getJson(`/v1/contexts/${id(contextId)}/turns`, { view: "both", limit, before_turn_id: beforeTurnId });
}

/** A snapshot path seen from a turn: `{entries}` for a directory, `{content_base64, ...}` for a file. */
export function getFs(turnId, path) {
  return getJson(`/v1/turns/${id(turnId)}/fs`, { path });
}
