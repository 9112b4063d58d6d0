// The page's calls to the twin: the UI's JSON endpoints under /_twin/slack/ui/ (each naming the
// person the page acts as) and its live feed of change notes (server-sent events).

const BASE = "/_twin/slack/ui";

/** A refusal of the twin, with Slack's error string. */
export class TwinRefusal extends Error {
  constructor(error) {
    super(error);
    this.name = "TwinRefusal";
    this.error = error;
  }
}

/** Calls of one person (`as`, a handle or user id; the first person when undefined). */
export class TwinApi {
  constructor(as) {
    this.as = as;
  }

  /** GET `path` with `params`; resolves with the answer, rejects with a TwinRefusal. */
  async get(path, params = {}) {
    const query = new URLSearchParams({ ...params, ...(this.as ? { as: this.as } : {}) });
    return this.#answer(await fetch(`${BASE}/${path}?${query}`));
  }

  /** POST `body` as JSON to `path`; resolves with the answer, rejects with a TwinRefusal. */
  async post(path, body) {
    const response = await fetch(`${BASE}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, ...(this.as ? { as: this.as } : {}) }),
    });
    return this.#answer(response);
  }

  async #answer(response) {
    const body = await response.json();
    if (!body.ok) throw new TwinRefusal(body.error ?? `HTTP ${response.status}`);
    return body;
  }
}

/**
 * Follows the twin's change notes: `onNote(note)` for each, `onStatus(live)` when the feed
 * connects or drops (the browser reconnects by itself).
 */
export function followFeed(onNote, onStatus) {
  const source = new EventSource(`${BASE}/feed`);
  source.addEventListener("open", () => onStatus(true));
  source.addEventListener("error", () => onStatus(false));
  source.addEventListener("message", (event) => onNote(JSON.parse(event.data)));
  return () => source.close();
}
