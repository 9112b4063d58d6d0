/**
 * Record mode: a twin forwards the model requests its script does not answer to the real API
 * (the caller's credentials pass through), sends the answer back as it came, and turns each
 * answer into a script rule, so that the recorded script (YAML) replays the session offline.
 *
 * A recorded rule matches the request by model, user turn and its current user text, or, for a
 * request that ends with tool results, by the tool and the last result's text; the reply holds
 * the text, tool calls, reasoning and usage the API sent (read by the provider's
 * `TwinDefinition.readRecordedReply`). A request recorded again with the same match gets a new
 * rule, and the earlier one `times: 1`, so replays answer in the recorded order. `{{` in recorded
 * text is escaped (`\{{`), so it is never read as a placeholder; tool-call arguments are written
 * as a mapping when that sends back the same JSON text. Only model requests are forwarded:
 * `models`, `count_tokens` and embeddings are still answered by the twin.
 * @module
 */
import { rename, writeFile } from "node:fs/promises";
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from "fastify";
import { stringify } from "yaml";
import { type Conversation, currentUserText, toolNameOf, trailingToolResults, userTurns } from "../conversation.js";
import { requestState } from "../request-state.js";
import type { RuleMatch, Script, ScriptReply, ScriptRule } from "../script/types.js";
import { sendWireError } from "../send.js";
import { TwinError } from "../twin-error.js";
import type { TwinDefinition } from "../types.js";
import { jsonObject } from "./recorded-text.js";

/** Options of record mode (`TwinOptions.record`). */
export interface RecordOptions {
  /**
   * Base URL of the real API: the request's path and query are appended
   * (`https://api.openai.com` + `/v1/responses`). Default: the twin's `TwinDefinition.upstream`.
   */
  upstream?: string;
  /** YAML file the recorded script is written to after each recorded answer (absent: kept in memory). */
  file?: string;
}

/** Request headers that are not forwarded (hop-by-hop, or set by the forwarding request itself). */
const DROPPED_REQUEST_HEADERS = new Set([
  "host",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
  "accept-encoding",
  "upgrade",
  "proxy-connection",
  "te",
  "trailer",
]);

/** Response headers that are not passed back (the twin frames the body itself). */
const DROPPED_RESPONSE_HEADERS = new Set([
  "connection",
  "keep-alive",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "trailer",
]);

/** One twin's recording: forwards requests and keeps the recorded rules. */
export class Recorder {
  /** Base URL of the real API, without a trailing slash. */
  readonly upstream: string;
  private readonly rules: ScriptRule[] = [];
  private writing: Promise<void> = Promise.resolve();

  /**
   * @throws TwinError when there is no upstream (neither in `options` nor in the definition) or it
   *   is not an http(s) URL.
   */
  constructor(
    private readonly definition: TwinDefinition,
    readonly options: RecordOptions,
  ) {
    const upstream = options.upstream ?? definition.upstream;
    if (upstream === undefined)
      throw new TwinError({ message: `record: the ${definition.name} twin needs an upstream URL` });
    if (!/^https?:\/\/[^/]/.test(upstream)) {
      throw new TwinError({ message: `record: upstream must be an http(s) URL, got '${upstream}'` });
    }
    this.upstream = upstream.replace(/\/+$/, "");
  }

  /** The recorded script so far (free mode). */
  script(): Script {
    return { mode: "free", rules: structuredClone(this.rules) };
  }

  /** The recorded script as YAML, with a header comment saying where it came from. */
  yaml(): string {
    const name = this.definition.name;
    const header =
      `# Recorded by the ${name} twin from ${this.upstream} (${this.rules.length} answers).\n` +
      `# Replay: factory twin start ${name} --script FILE, or startTwin("${name}", { script }).\n`;
    return header + stringify(this.script(), { lineWidth: 0 });
  }

  /**
   * Waits until the queued writes of the script file are done: it then holds every answer
   * recorded so far, unless a write failed (failures are logged).
   */
  flushed(): Promise<void> {
    return this.writing;
  }

  /**
   * Forwards the request to the upstream API and streams its answer back to the client; a 200
   * answer the provider can read becomes a rule. An unreachable upstream is the provider's 502.
   */
  async forward(request: FastifyRequest, reply: FastifyReply, conversation: Conversation): Promise<void> {
    const state = requestState(request);
    const url = `${this.upstream}${request.url}`;
    const abort = new AbortController();
    reply.raw.once("close", () => abort.abort());
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method,
        headers: forwardedHeaders(request.headers),
        body: request.body === undefined || request.body === null ? undefined : JSON.stringify(request.body),
        signal: abort.signal,
      });
    } catch (error) {
      request.log.error({ err: error, url }, "record mode: upstream unreachable");
      sendWireError(reply, this.definition.errors.serverError(502));
      return;
    }
    reply.hijack();
    const raw = reply.raw;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) headers[name] = String(value);
    }
    response.headers.forEach((value, name) => {
      if (!DROPPED_RESPONSE_HEADERS.has(name)) headers[name] = value;
    });
    if (state) state.responseHeaders = headers;
    raw.writeHead(response.status, headers);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of response.body ?? []) {
        const bytes = Buffer.from(chunk as Uint8Array);
        chunks.push(bytes);
        if (!raw.destroyed) raw.write(bytes);
      }
    } catch {
      // The client or the upstream went away: what arrived is journaled, nothing is recorded.
      if (state) state.responseText = Buffer.concat(chunks).toString("utf8");
      raw.destroy();
      return;
    }
    const text = Buffer.concat(chunks).toString("utf8");
    if (state) state.responseText = text;
    raw.end();
    if (response.status !== 200) return;
    const path = request.url.split("?", 1)[0];
    const recorded = this.definition.readRecordedReply?.(path, text, response.headers.get("content-type") ?? "");
    if (recorded) this.add(conversation, recorded, request.log);
  }

  /** Adds a rule and queues the file write (a failed write is logged; the next one retries). */
  private add(conversation: Conversation, reply: ScriptReply, log: FastifyBaseLogger): void {
    const match = recordedMatch(conversation);
    const key = JSON.stringify(match);
    for (const earlier of this.rules) if (JSON.stringify(earlier.match) === key) earlier.times ??= 1;
    this.rules.push({ name: `recorded-${this.rules.length + 1}`, match, reply: escapeReply(reply) });
    const file = this.options.file;
    if (file) {
      const text = this.yaml();
      this.writing = this.writing.then(async () => {
        const temporary = `${file}.${process.pid}.tmp`;
        try {
          await writeFile(temporary, text, "utf8");
          await rename(temporary, file);
        } catch (error) {
          log.error({ err: error, file }, "record mode: cannot write the recorded script");
        }
      });
    }
  }
}

/** The match of a recorded rule (see the module doc). */
export function recordedMatch(conversation: Conversation): RuleMatch {
  const match: RuleMatch = { model: conversation.model.replace(/[*?[\]]/g, "?"), turn: userTurns(conversation) };
  const text = currentUserText(conversation);
  const results = trailingToolResults(conversation);
  if (text !== "") match.userText = text;
  else if (results.length > 0) {
    const last = results[results.length - 1];
    match.toolResult = last.name ?? toolNameOf(conversation, last.callId) ?? true;
    match.toolResultContains = last.output;
  }
  return match;
}

function forwardedHeaders(headers: FastifyRequest["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || DROPPED_REQUEST_HEADERS.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  out["content-type"] ??= "application/json";
  return out;
}

/**
 * The reply as a script holds it: `{{` -> `\{{` in every string, so replays send the text as
 * recorded, and tool-call arguments as a mapping when that gives back the very same JSON text.
 */
function escapeReply(reply: ScriptReply): ScriptReply {
  const escaped = escapeStrings(reply);
  for (const call of escaped.toolCalls ?? []) {
    if (typeof call.arguments !== "string") continue;
    const parsed = jsonObject(call.arguments);
    if (parsed && JSON.stringify(parsed) === call.arguments) call.arguments = parsed;
  }
  return escaped;
}

function escapeStrings<T>(value: T): T {
  if (typeof value === "string") return escapeBraces(value) as T;
  if (Array.isArray(value)) return value.map(escapeStrings) as T;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = key === "usage" ? item : escapeStrings(item);
    return out as T;
  }
  return value;
}

function escapeBraces(text: string): string {
  return text.replaceAll("{{", "\\{{");
}
