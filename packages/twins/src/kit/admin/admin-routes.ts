/**
 * The admin API every twin serves under `/_twin/`: reset, script, journal, faults, live events and
 * the web UI. Not journaled and not behind the provider's auth. Errors are
 * `{"error":{"type":"twin_admin_error","message":...}}` with status 400 (404 for unknown ids).
 * @module
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from "fastify";
import { readFaultRules } from "../faults/parse-fault.js";
import type { JournalEvent, JournalFilter } from "../journal.js";
import { loadScript, parseYamlValue } from "../script/parse-script.js";
import { TwinError } from "../twin-error.js";
import type { TwinKit } from "../types.js";
import { uiPage } from "./ui-page.js";

/** The admin routes of `kit` as a plugin (register it with prefix `/_twin`). */
export function adminRoutes(kit: TwinKit): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
    app.setErrorHandler((error, _request, reply) => {
      const status = TwinError.isInstance(error) ? 400 : ((error as { statusCode?: number }).statusCode ?? 500);
      return adminError(reply, status, (error as Error).message);
    });

    app.get("/", async () => ({
      name: kit.definition.name,
      title: kit.definition.title ?? kit.definition.name,
      sdkBaseUrlPath: kit.definition.sdkBaseUrl?.path ?? "",
      journalEntries: kit.journal.size,
      script: kit.script.state(),
      faults: kit.faults.list().length,
    }));

    app.post("/reset", async () => {
      kit.reset();
      return { ok: true };
    });

    const putScript = async (request: { body: unknown }) => {
      const text = bodyText(request.body);
      const script = loadScript(text, { file: "<request body>" });
      kit.script.load(script);
      return { ok: true, mode: script.mode, rules: script.rules.length };
    };
    app.put("/script", putScript);
    app.post("/script", putScript);
    app.get("/script", async () => ({ script: kit.script.script ?? null, state: kit.script.state() }));
    app.delete("/script", async () => {
      kit.script.load(undefined);
      return { ok: true };
    });

    app.get("/journal", async (request, reply) => {
      const { entries, total } = kit.journal.page(journalFilter(request.query as Record<string, string | undefined>));
      reply.header("x-total-count", String(total));
      return { entries, total };
    });
    app.delete("/journal", async () => {
      kit.journal.clear();
      return { ok: true };
    });

    app.get("/faults", async () => ({ rules: kit.faults.list() }));
    app.post("/faults", async (request, reply) => {
      const inputs = parseYamlValue(bodyText(request.body), "<request body>", readFaultRules);
      reply.code(201);
      return { rules: kit.faults.add(inputs) };
    });
    app.delete("/faults", async (request, reply) => {
      const id = (request.query as { id?: string }).id;
      const removed = kit.faults.clear(id);
      if (id !== undefined && removed === 0) return adminError(reply, 404, `no fault rule '${id}'`);
      return { removed };
    });

    app.get("/events", (request, reply) => {
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        connection: "keep-alive",
      });
      const send = (event: JournalEvent): void => {
        if (raw.destroyed) return;
        if (event.type === "entry")
          raw.write(`id: ${event.entry.seq}\nevent: entry\ndata: ${JSON.stringify(event.entry)}\n\n`);
        else raw.write("event: reset\ndata: {}\n\n");
      };
      raw.write(": connected\n\n");
      const last = Number(request.headers["last-event-id"]);
      if (Number.isInteger(last) && last > 0) {
        for (const entry of kit.journal.list({ sinceSeq: last }))
          if (entry.outcome !== "pending") send({ type: "entry", entry });
      }
      const unsubscribe = kit.journal.subscribe(send);
      const keepAlive = setInterval(() => raw.destroyed || raw.write(": keep-alive\n\n"), 15_000);
      keepAlive.unref();
      raw.once("close", () => {
        unsubscribe();
        clearInterval(keepAlive);
      });
    });

    app.get("/ui", async (_request, reply) =>
      reply.type("text/html; charset=utf-8").send(uiPage(kit.definition.title ?? kit.definition.name)),
    );
  };
}

function adminError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply
    .code(status)
    .type("application/json")
    .send(JSON.stringify({ error: { type: "twin_admin_error", message } }));
}

function bodyText(body: unknown): string {
  const text = typeof body === "string" ? body : "";
  if (text.trim() === "") throw new TwinError({ message: "empty request body" });
  return text;
}

/**
 * Journal filters from the query: `path` and `model` (globs), `method`, `status`, `requestId`,
 * `since` (a sequence number, or an ISO time), and paging back from the newest: `limit` entries
 * after skipping the newest `offset` (see {@link JournalFilter}).
 * @throws TwinError for a malformed number or time.
 */
export function journalFilter(query: Record<string, string | undefined>): JournalFilter {
  const filter: JournalFilter = {};
  if (query.path) filter.path = query.path;
  if (query.method) filter.method = query.method;
  if (query.model) filter.model = query.model;
  if (query.requestId) filter.requestId = query.requestId;
  if (query.status) filter.status = wholeNumber(query.status, "status");
  if (query.limit) filter.limit = wholeNumber(query.limit, "limit");
  if (query.offset) filter.offset = wholeNumber(query.offset, "offset");
  if (query.since) {
    if (/^\d+$/.test(query.since)) filter.sinceSeq = Number(query.since);
    else {
      const ms = Date.parse(query.since);
      if (Number.isNaN(ms))
        throw new TwinError({ message: `since: expected a sequence number or an ISO time, got '${query.since}'` });
      filter.sinceMs = ms;
    }
  }
  return filter;
}

function wholeNumber(text: string, name: string): number {
  if (!/^\d+$/.test(text)) throw new TwinError({ message: `${name}: expected a whole number, got '${text}'` });
  return Number(text);
}
