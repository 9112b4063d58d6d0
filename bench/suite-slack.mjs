/**
 * Suite 8: Web API throughput of the Slack twin (@darkfactory/twins) through the official
 * @slack/web-api WebClient — chat.postMessage, and conversations.history of 100 messages — by 1
 * and 8 concurrent clients, next to Slack's published rate limit for each method (a ratio), and
 * against Prism (@stoplight/prism-cli) serving Slack's OpenAPI description (from ../shared) in the
 * same run. Each server runs in its own process; its CPU time per request is read from /proc.
 * @module
 */
import { fork } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { LogLevel, WebClient } from "@slack/web-api";
import { compare, round, row } from "./lib/rows.mjs";
import { startPrism } from "./lib/slack-prism.mjs";
import { median, timeInterleaved } from "./lib/stats.mjs";

const serverScript = fileURLToPath(new URL("./lib/slack-server.mjs", import.meta.url));
/** Slack's OpenAPI description, read in place from the shared checkout beside this repository. */
const SPEC = fileURLToPath(new URL("../../shared/specs/apis/slack_web_openapi_v2.json", import.meta.url));
const versionOf = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")).version;
const webApiVersion = versionOf("../node_modules/@slack/web-api/package.json");
const prismVersion = versionOf("../node_modules/@stoplight/prism-cli/package.json");
const twinsVersion = versionOf("../packages/twins/package.json");

const BOT_TOKEN = "xoxb-bench";
const HISTORY_MESSAGES = 100;
/** Linux clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat CPU times. */
const CLOCK_TICKS = 100;

/**
 * The measured calls, each with Slack's published limit: chat.postMessage "about one message per
 * second per channel" (special tier), conversations.history Tier 3 (50+ per minute).
 */
const WORKLOADS = [
  {
    method: "chat.postMessage",
    limitPerSec: 1,
    limitText: "1/s per channel",
    call: (client, channels, i) => client.chat.postMessage({ channel: channels.posts, text: `bench message ${i}` }),
    checkTwin: (answer) => typeof answer.ts === "string",
  },
  {
    method: "conversations.history",
    limitPerSec: 50 / 60,
    limitText: "Tier 3, 50/min",
    call: (client, channels) => client.conversations.history({ channel: channels.general, limit: HISTORY_MESSAGES }),
    checkTwin: (answer) => answer.messages?.length === HISTORY_MESSAGES,
  },
];

/** CPU time (user + system) of process `pid` in ms, or undefined without /proc. */
function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/**
 * Runs the slack suite.
 * @param options.requests calls per measurement, split over the clients (default 300)
 * @param options.concurrency numbers of concurrent clients (default 1 and 8)
 * @param options.runs timed runs (median reported); options.warmup untimed first
 * @returns `{ id, title, params, rows }`
 * @throws Error when the twin's answer is not what was asked (the figures would not compare)
 */
export async function runSlackSuite({ requests = 300, concurrency = [1, 8], runs = 7, warmup = 1, log = () => {} }) {
  const twin = await startTwin();
  let prism;
  /** Why Prism has no row, by workload and concurrency (shown in the twin's row). */
  const missing = existsSync(SPEC) ? undefined : `Prism skipped: ${SPEC} not found (../shared is absent)`;
  if (missing) log(`slack: ${missing}`);
  else {
    log("slack: starting Prism on Slack's OpenAPI description");
    prism = await startPrism(SPEC);
  }
  try {
    const twinChannels = await channelIds(client(`${twin.url}/api/`));
    const servers = [
      {
        name: "twin",
        label: `Slack twin ${twinsVersion}`,
        kind: "ours",
        pid: twin.child.pid,
        url: `${twin.url}/api/`,
        channels: twinChannels,
      },
      ...(prism
        ? [
            {
              name: "prism",
              label: `Prism ${prismVersion}`,
              kind: "peer",
              pid: prism.child.pid,
              url: `${prism.url}/`,
              channels: { posts: "C0BENCH01", general: "C0BENCH02" },
            },
          ]
        : []),
    ];
    const rows = [];
    for (const workload of WORKLOADS) {
      for (const clients of concurrency) {
        const perClient = Math.max(1, Math.round(requests / clients));
        const total = perClient * clients;
        log(`slack: ${total} ${workload.method} calls by ${clients} client(s)`);
        const measured = [];
        let skipped = missing;
        for (const server of servers) {
          // Prism answers the spec's example; a call it refuses is reported, not timed.
          const failure = await probe(server, workload);
          if (failure) skipped = `${server.label} not measured: ${failure}`;
          else measured.push(server);
        }
        const cpuMs = new Map(measured.map((s) => [s.name, []]));
        let seq = 0;
        const variants = measured.map((server) => {
          const sdk = Array.from({ length: clients }, () => client(server.url));
          const check = server.kind === "ours" ? workload.checkTwin : (answer) => answer.ok === true;
          return {
            name: server.name,
            setup: () => cpuMsOf(server.pid),
            fn: () =>
              Promise.all(
                sdk.map(async (c) => {
                  for (let i = 0; i < perClient; i++) {
                    const answer = await workload.call(c, server.channels, seq++);
                    if (!check(answer)) throw new Error(`${server.label} answered ${workload.method} wrongly`);
                  }
                }),
              ),
            teardown: (before) => {
              const after = cpuMsOf(server.pid);
              if (before !== undefined && after !== undefined) cpuMs.get(server.name).push(after - before);
            },
          };
        });
        const timings = await timeInterleaved(variants, { runs, warmup });
        const twinTiming = timings.get("twin");
        for (const server of measured) {
          const timing = timings.get(server.name);
          const rate = total / (timing.ms / 1000);
          const serverCpu = median(cpuMs.get(server.name).slice(-runs)) / total;
          const cpuText = Number.isFinite(serverCpu) ? `; server CPU ${serverCpu.toFixed(3)} ms/call` : "";
          const skipText = server.kind === "ours" && skipped ? `; ${skipped}` : "";
          const vsLimit = rate / workload.limitPerSec;
          rows.push(
            row(`${server.kind}: ${server.label}, ${workload.method}, ${clients} client(s)`, server.kind, timing, {
              perUnit: { ms: timing.ms / total, unit: "call" },
              perSec: Math.round(rate),
              ...(Number.isFinite(serverCpu) ? { serverCpuMsPerCall: round(serverCpu, 4) } : {}),
              slackLimitPerSec: round(workload.limitPerSec, 3),
              vsSlackLimit: round(vsLimit, 1),
              ...(server.kind === "ours" && timings.has("prism")
                ? compare(twinTiming.ms, timings.get("prism").ms, `Prism ${prismVersion} (calls/s)`)
                : {}),
              notes: `${Math.round(rate)} calls/s = ${Math.round(vsLimit)}× Slack's ${workload.limitText}${cpuText}${skipText}`,
            }),
          );
        }
      }
    }
    return {
      id: "slack",
      title: `Slack Web API calls/s through @slack/web-api ${webApiVersion}: Slack twin vs Prism ${prismVersion}, and vs Slack's rate limits`,
      params: { requests, concurrency, historyMessages: HISTORY_MESSAGES, spec: prism ? SPEC : null },
      rows,
    };
  } finally {
    twin.child.kill();
    prism?.child.kill();
  }
}

/** The WebClient of a bench client: no retries, quiet. The `token` header is the one Slack's spec requires. */
function client(slackApiUrl) {
  return new WebClient(BOT_TOKEN, {
    slackApiUrl,
    headers: { token: BOT_TOKEN },
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
}

/** Ids of the twin's bench channels (#posts for posting, #general with the history). */
async function channelIds(webClient) {
  const { channels } = await webClient.conversations.list({});
  const id = (name) => channels.find((c) => c.name === name).id;
  return { posts: id("posts"), general: id("general") };
}

/** Undefined when `server` answers the workload's call, else why not. */
async function probe(server, workload) {
  try {
    await workload.call(client(server.url), server.channels, -1);
    return undefined;
  } catch (error) {
    const status = error.statusCode ? `HTTP ${error.statusCode}` : (error.data?.error ?? error.code ?? error.message);
    return `the SDK's call fails (${status})`;
  }
}

/** Forks the twin's server; resolves once it listens. */
function startTwin() {
  return new Promise((resolve, reject) => {
    const child = fork(serverScript, [String(HISTORY_MESSAGES)], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (c) => {
      err += c;
    });
    child.on("message", (message) => resolve({ child, url: message.url }));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`slack twin exited (${code}): ${err.trim()}`)));
  });
}
