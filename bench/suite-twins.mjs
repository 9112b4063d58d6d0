/**
 * Suite 6: throughput of the OpenAI twin (@darkfactory/twins) against @copilotkit/aimock, the
 * reference LLM mock, in the same run: requests/s for a short streamed reply (a 20-word, 20-delta
 * Responses API stream, 28 SSE events on both) read through the official `openai` SDK by 1 and by
 * 16 concurrent clients. Each mock runs alone in its own child process (bench/lib/mock-llm-server.mjs),
 * so its CPU time per request is measured apart from the clients'.
 * @module
 */
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { compare, round, row } from "./lib/rows.mjs";
import { median, timeInterleaved } from "./lib/stats.mjs";

const serverScript = fileURLToPath(new URL("./lib/mock-llm-server.mjs", import.meta.url));
const versionOf = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")).version;
// openai's and aimock's `exports` maps hide package.json; read them from disk.
const openaiVersion = versionOf("../node_modules/openai/package.json");
const aimockVersion = versionOf("../node_modules/@copilotkit/aimock/package.json");
const twinsVersion = versionOf("../packages/twins/package.json");

/** The reply: 20 four-letter words, so the twin (a delta per word) and aimock (5-character chunks) both send 20 deltas. */
const REPLY = "alfa brav char delt echo foxt golf hote indi juli kilo lima mike nove osca papa queb rome sier tang";
const CHUNK_SIZE = 5;
const MODEL = "gpt-4.1";

/**
 * Runs the twins suite.
 * @param options.requests streamed requests per measurement, split over the clients (default 300)
 * @param options.concurrency numbers of concurrent clients to measure (default 1 and 16)
 * @param options.runs timed runs (median reported); options.warmup untimed first
 * @returns `{ id, title, params, rows }`
 * @throws Error when a stream does not carry the whole reply (the figures would not compare)
 */
export async function runTwinsSuite({ requests = 300, concurrency = [1, 16], runs = 7, warmup = 1, log = () => {} }) {
  const servers = await Promise.all([startServer("twin"), startServer("aimock")]);
  const [twin, aimock] = servers;
  const peerName = `aimock ${aimockVersion}`;
  try {
    const rows = [];
    for (const clients of concurrency) {
      const perClient = Math.max(1, Math.round(requests / clients));
      const total = perClient * clients;
      log(`twins: ${total} streamed requests by ${clients} client(s), OpenAI twin vs ${peerName}`);
      const variants = [
        { name: "twin", server: twin },
        { name: "aimock", server: aimock },
      ].map(({ name, server }) => {
        const sdk = Array.from(
          { length: clients },
          () => new OpenAI({ apiKey: "sk-bench", baseURL: server.url, maxRetries: 0 }),
        );
        return {
          name,
          setup: () => server.cpu(),
          fn: () => Promise.all(sdk.map((client) => streamRequests(client, perClient))),
          teardown: async (cpuBefore) => {
            const cpu = await server.cpu();
            server.cpuMs.push((cpu.user - cpuBefore.user + cpu.system - cpuBefore.system) / 1000);
          },
        };
      });
      for (const server of servers) server.cpuMs = [];
      const timings = await timeInterleaved(variants, { runs, warmup });
      const t = timings.get("twin");
      const a = timings.get("aimock");
      // Warm-up rounds come first: their server CPU samples are dropped like their wall times.
      const serverCpu = (server) => median(server.cpuMs.slice(server.cpuMs.length - runs)) / total;
      const rate = (timing) => total / (timing.ms / 1000);
      const notes = (timing, server) =>
        `${Math.round(rate(timing))} req/s; server CPU ${serverCpu(server).toFixed(3)} ms/request`;
      const extra = (timing, server) => ({
        perUnit: { ms: timing.ms / total, unit: "request" },
        perSec: Math.round(rate(timing)),
        serverCpuMsPerRequest: round(serverCpu(server), 4),
      });
      rows.push(
        row(`ours: OpenAI twin ${twinsVersion}, ${clients} client(s)`, "ours", t, {
          ...extra(t, twin),
          ...compare(t.ms, a.ms, `${peerName} (req/s)`),
          notes: notes(t, twin),
        }),
        row(`peer: ${peerName}, ${clients} client(s)`, "peer", a, { ...extra(a, aimock), notes: notes(a, aimock) }),
      );
    }
    return {
      id: "twins",
      title: `Streamed 20-token replies/s through the openai ${openaiVersion} SDK: OpenAI twin vs ${peerName}`,
      params: { requests, concurrency, model: MODEL, replyWords: 20, textDeltas: 20, sseEvents: 28 },
      rows,
    };
  } finally {
    for (const server of servers) server.child.kill();
  }
}

/** `count` streamed Responses requests, one after the other, each read to the end and checked. */
async function streamRequests(client, count) {
  for (let i = 0; i < count; i++) {
    const events = await client.responses.create({ model: MODEL, input: "Say the twenty words.", stream: true });
    let text = "";
    for await (const event of events) if (event.type === "response.output_text.delta") text += event.delta;
    if (text !== REPLY) throw new Error(`a stream carried ${JSON.stringify(text)}, not the reply`);
  }
}

/** Forks a mock server; resolves once it listens, with its base URL and a reader of its CPU time. */
function startServer(kind) {
  return new Promise((resolve, reject) => {
    const child = fork(serverScript, [kind, REPLY, String(CHUNK_SIZE)], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (c) => {
      err += c;
    });
    const pending = [];
    child.on("message", (message) => {
      if (message.url) resolve({ child, url: message.url, cpu, cpuMs: [] });
      else if (message.cpu) pending.shift()?.(message.cpu);
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${kind} server exited (${code}): ${err.trim()}`)));
    function cpu() {
      return new Promise((done) => {
        pending.push(done);
        child.send("cpu");
      });
    }
  });
}
