// Hash routes: #/contexts[?q=&tag=&offset=], #/contexts/:id, #/contexts/:id/turns/:turnId (raw
// payload), #/contexts/:id/turns/:turnId/fs/<path> (file snapshot).

/**
 * @typedef {object} Route
 * @property {"list" | "context"} name
 * @property {URLSearchParams} query
 * @property {string} [contextId]
 * @property {string} [turnId]
 * @property {"raw" | "fs"} [panel]
 * @property {string} [fsPath]  snapshot path, `/`-separated, "" for the root
 */

/** @returns {Route} */
export function parseHash(hash) {
  const text = hash.replace(/^#/, "");
  const at = text.indexOf("?");
  const pathPart = at === -1 ? text : text.slice(0, at);
  const query = new URLSearchParams(at === -1 ? "" : text.slice(at + 1));
  const segs = pathPart
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  if (segs[0] !== "contexts" || segs[1] === undefined) return { name: "list", query };
  /** @type {Route} */
  const route = { name: "context", contextId: segs[1], query };
  if (segs[2] === "turns" && segs[3] !== undefined) {
    route.turnId = segs[3];
    route.panel = segs[4] === "fs" ? "fs" : "raw";
    if (route.panel === "fs") route.fsPath = segs.slice(5).join("/");
  }
  return route;
}

/** Goes to `hash` (a no-op when already there). */
export function navigate(hash) {
  if (location.hash !== hash) location.hash = hash;
}

/** Link to a context. */
export function contextHref(contextId) {
  return `#/contexts/${encodeURIComponent(contextId)}`;
}

/** Link to a turn's raw payload. */
export function turnHref(contextId, turnId) {
  return `${contextHref(contextId)}/turns/${encodeURIComponent(turnId)}`;
}

/** Link to a path of the snapshot a turn sees ("" = its root). */
export function fsHref(contextId, turnId, path = "") {
  const parts = path.split("/").filter((p) => p !== "");
  return `${turnHref(contextId, turnId)}/fs/${parts.map(encodeURIComponent).join("/")}`;
}
