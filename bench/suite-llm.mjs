/**
 * Suite 4: the LLM client's hot paths against the official `openai` SDK, on the same local
 * server in the same run: parsing a ≥10 MB Responses stream (MB/s), and the per-request
 * overhead of `complete()` over a bare `fetch`.
 * @module
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { OpenAIAdapter } from "@darkfactory/llm";
import OpenAI from "openai";
import { buildResponsesStream, smallResponse } from "./lib/responses-sse.mjs";
import { compare, row } from "./lib/rows.mjs";
import { timeInterleaved } from "./lib/stats.mjs";

// openai's `exports` map hides package.json; read it from disk beside the resolved entry.
const openaiVersion = JSON.parse(
  readFileSync(new URL("../node_modules/openai/package.json", import.meta.url), "utf8"),
).version;

/**
 * Runs the LLM suite.
 * @param options.streamBytes size of the recorded-style stream (default 10 MiB)
 * @param options.requests sequential requests per overhead measurement (default 200)
 * @param options.runs timed runs (median reported); options.warmup untimed first
 * @returns `{ id, title, params, rows }`
 * @throws Error when a client does not read the whole stream (the figures would not compare)
 */
export async function runLlmSuite({
  streamBytes = 10 * 2 ** 20,
  requests = 200,
  runs = 7,
  warmup = 1,
  gc,
  log = () => {},
}) {
  const stream = buildResponsesStream(streamBytes);
  const small = Buffer.from(JSON.stringify(smallResponse()));
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      const streaming = JSON.parse(body || "{}").stream === true;
      if (!streaming) {
        res.writeHead(200, { "content-type": "application/json", "content-length": small.length });
        res.end(small);
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      // 64 KiB writes, as a busy server would flush them.
      for (let i = 0; i < stream.body.length; i += 65536) res.write(stream.body.subarray(i, i + 65536));
      res.end();
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const baseUrl = `http://127.0.0.1:${server.address().port}/v1`;
  const ours = new OpenAIAdapter({ apiKey: "bench", baseUrl });
  const peer = new OpenAI({ apiKey: "bench", baseURL: baseUrl, maxRetries: 0 });
  const request = { model: "gpt-5.2", messages: [{ role: "user", content: [{ kind: "text", text: "hi" }] }] };
  const mb = stream.body.length / 2 ** 20;

  try {
    log(`llm: ${mb.toFixed(1)} MiB Responses stream (${stream.deltas} text deltas), ours vs openai ${openaiVersion}`);
    const streamTimings = await timeInterleaved(
      [
        {
          name: "ours",
          fn: async () => {
            let chars = 0;
            for await (const e of ours.stream(request)) if (e.type === "text_delta") chars += e.delta.length;
            return chars;
          },
          teardown: (_i, chars) =>
            expect(chars === stream.text.length, `ours read ${chars} of ${stream.text.length} characters`),
        },
        {
          name: "peer",
          fn: async () => {
            let chars = 0;
            const events = await peer.responses.create({ model: "gpt-5.2", input: "hi", stream: true });
            for await (const e of events) if (e.type === "response.output_text.delta") chars += e.delta.length;
            return chars;
          },
          teardown: (_i, chars) =>
            expect(chars === stream.text.length, `openai SDK read ${chars} of ${stream.text.length} characters`),
        },
      ],
      { runs, warmup, gc },
    );
    log(`llm: ${requests} sequential small requests each: complete(), bare fetch, openai SDK`);
    const overheadTimings = await timeInterleaved(
      [
        {
          name: "ours",
          fn: async () => {
            for (let i = 0; i < requests; i++) await ours.complete(request);
          },
        },
        {
          name: "fetch",
          fn: async () => {
            for (let i = 0; i < requests; i++) {
              const res = await fetch(`${baseUrl}/responses`, {
                method: "POST",
                headers: { authorization: "Bearer bench", "content-type": "application/json" },
                body: JSON.stringify({ model: "gpt-5.2", input: "hi" }),
              });
              await res.json();
            }
          },
        },
        {
          name: "peer",
          fn: async () => {
            for (let i = 0; i < requests; i++) await peer.responses.create({ model: "gpt-5.2", input: "hi" });
          },
        },
      ],
      { runs, warmup, gc },
    );

    const o = streamTimings.get("ours");
    const p = streamTimings.get("peer");
    const mbps = (t) => mb / (t.ms / 1000);
    const peerName = `openai ${openaiVersion} SDK`;
    const oc = overheadTimings.get("ours");
    const fc = overheadTimings.get("fetch");
    const pc = overheadTimings.get("peer");
    const per = (t) => t.ms / requests;
    return {
      id: "llm",
      title: `Parse a ${mb.toFixed(0)} MiB Responses stream; per-request overhead of complete()`,
      params: { streamBytes: stream.body.length, deltas: stream.deltas, requests },
      rows: [
        row("ours: OpenAIAdapter.stream, text deltas counted", "ours", o, {
          perUnit: { ms: o.ms / mb, unit: "MiB" },
          ...compare(o.ms, p.ms, `${peerName} stream`),
          notes: `${mbps(o).toFixed(1)} MiB/s; unified events: stream_start, text_start/delta/end, finish with the accumulated Response`,
        }),
        row(`peer: ${peerName} responses.create({stream:true})`, "peer", p, {
          perUnit: { ms: p.ms / mb, unit: "MiB" },
          notes: `${mbps(p).toFixed(1)} MiB/s; the SDK's own Responses stream events`,
        }),
        row("ours: OpenAIAdapter.complete, small response", "ours", oc, {
          perUnit: { ms: per(oc), unit: "request" },
          ...compare(oc.ms, pc.ms, `${peerName} responses.create`),
          notes: `overhead over bare fetch: ${(per(oc) - per(fc)).toFixed(3)} ms per request`,
        }),
        row("reference: bare fetch + res.json()", "peer", fc, {
          perUnit: { ms: per(fc), unit: "request" },
          notes: "the same request without any client",
        }),
        row(`peer: ${peerName} responses.create, small response`, "peer", pc, {
          perUnit: { ms: per(pc), unit: "request" },
          notes: `overhead over bare fetch: ${(per(pc) - per(fc)).toFixed(3)} ms per request`,
        }),
      ],
    };
  } finally {
    await new Promise((r) => server.close(r));
    server.closeAllConnections?.();
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}
