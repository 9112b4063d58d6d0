// A real HTTP server on 127.0.0.1:<ephemeral> that answers like an LLM provider: recorded
// fixtures from ../shared/fixtures/llm framed exactly as each provider frames its stream
// (see that folder's SOURCE.md), or any handler a test writes. Every request is recorded.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** ../shared/fixtures/llm beside the repository (absent on a user's clone). */
export const fixturesDir = resolve(here, "../../../../../shared/fixtures/llm");
export const haveFixtures = existsSync(fixturesDir);

export type ProviderName = "openai" | "anthropic" | "gemini";

/** A request the server received. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1/responses` or `/v1beta/models/x:streamGenerateContent?alt=sse`. */
  url: string;
  headers: IncomingMessage["headers"];
  /** Parsed JSON body (or the raw text when it is not JSON). */
  body: unknown;
}

/** What a handler answers. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body, a string, or a list of chunks written with `delayMs` between them. */
  body?: unknown;
  chunks?: string[];
  delayMs?: number;
  /** Destroy the socket after the chunks (a connection cut mid-stream). */
  cut?: boolean;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

export interface ProviderServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a server answering every request with `handler(request)`. */
export async function startProviderServer(
  handler: (request: RecordedRequest) => Reply | Promise<Reply>,
): Promise<ProviderServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the text
    }
    const recorded: RecordedRequest = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body };
    requests.push(recorded);
    const reply = await handler(recorded);
    if (reply.hang) return;
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.chunks) {
      headers["content-type"] ??= "text/event-stream";
      res.writeHead(reply.status ?? 200, headers);
      for (const chunk of reply.chunks) {
        res.write(chunk);
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      }
      if (reply.cut) {
        res.socket?.destroy();
        return;
      }
      res.end();
      return;
    }
    const payload = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
    headers["content-type"] ??= typeof reply.body === "string" ? "text/plain" : "application/json";
    res.writeHead(reply.status ?? 200, headers);
    res.end(payload);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * A recorded `.chunks.txt` framed as the real provider sends it (SOURCE.md): OpenAI and
 * Anthropic as `event: <type>\ndata: <line>\n\n`; Gemini as `data: <line>\n\n` (or with CRLF).
 */
export function frameChunks(provider: ProviderName, chunksText: string, options: { crlf?: boolean } = {}): string[] {
  const nl = options.crlf ? "\r\n" : "\n";
  return chunksText
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      if (provider === "gemini") return `data: ${line}${nl}${nl}`;
      let type: string | undefined;
      try {
        type = (JSON.parse(line) as { type?: string }).type;
      } catch {
        // A malformed recorded line (an upstream defect) is sent as it is, without an event name.
      }
      return `${type ? `event: ${type}${nl}` : ""}data: ${line}${nl}${nl}`;
    });
}

/** The data-only framing vercel/ai's tests use (`[DONE]` appended for OpenAI and Anthropic). */
export function frameChunksDataOnly(provider: ProviderName, chunksText: string): string[] {
  const lines = chunksText.split("\n").filter((line) => provider === "anthropic" || line.trim() !== "");
  const framed = lines.map((line) => `data: ${line}\n\n`);
  if (provider !== "gemini") framed.push("data: [DONE]\n\n");
  return framed;
}

/** A fixture's text. */
export function readFixture(provider: ProviderName, file: string): string {
  return readFileSync(join(fixturesDir, provider, file), "utf8");
}

/** Fixture file names of a provider folder (empty when ../shared is absent). */
export function listFixtures(provider: ProviderName): string[] {
  return haveFixtures ? readdirSync(join(fixturesDir, provider)).sort() : [];
}
