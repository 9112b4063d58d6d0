/**
 * The benchmark entry point (`npm run bench`): runs every suite, prints a table on a terminal and
 * plain lines otherwise, and writes bench/out/results.json.
 *
 *   node bench/run.mjs [--quick] [--json] [--runs=N] [--only=parse,linear,parallel,llm,cxdb,twins,agent,slack]
 *
 * --quick   smoke run: one tenth of the sizes, 3 runs, 1 warm-up
 * --json    print only the results JSON on stdout
 * --runs=N  timed runs per measurement (default 7; the median is reported)
 * --only=…  run only the named suites
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, platform, release } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { versions } from "./lib/engine.mjs";
import { formatPlain, formatTable } from "./lib/report.mjs";
import { getGc } from "./lib/stats.mjs";
import { runAgentSuite } from "./suite-agent.mjs";
import { runCxdbSuite } from "./suite-cxdb.mjs";
import { runLinearSuite } from "./suite-linear.mjs";
import { runLlmSuite } from "./suite-llm.mjs";
import { runParallelSuite } from "./suite-parallel.mjs";
import { runParseSuite } from "./suite-parse.mjs";
import { runSlackSuite } from "./suite-slack.mjs";
import { runTwinsSuite } from "./suite-twins.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const SUITES = ["parse", "linear", "parallel", "llm", "cxdb", "twins", "agent", "slack"];

const USAGE = `usage: node bench/run.mjs [--quick] [--json] [--runs=N] [--only=${SUITES.join(",")}]`;

/** A bad command line: reported without a stack trace. */
class UsageError extends Error {
  name = "UsageError";
}

/**
 * Reads the command line.
 * @throws UsageError on an unknown option or suite name
 */
function parseArgs(argv) {
  const args = { quick: false, json: false, runs: undefined, only: SUITES };
  for (const arg of argv) {
    const [key, value] = arg.split("=", 2);
    if (key === "--help" || key === "-h") throw new UsageError(USAGE);
    if (key === "--quick") args.quick = true;
    else if (key === "--json") args.json = true;
    else if (key === "--runs" && Number.parseInt(value, 10) >= 1) args.runs = Number.parseInt(value, 10);
    else if (key === "--only" && value) args.only = value.split(",");
    else throw new UsageError(`unknown option '${arg}'; ${USAGE}`);
  }
  const unknown = args.only.filter((s) => !SUITES.includes(s));
  if (unknown.length > 0) throw new UsageError(`unknown suite(s) ${unknown.join(", ")}; ${USAGE}`);
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const runs = args.runs ?? (args.quick ? 3 : 7);
  const warmup = args.quick ? 1 : 2;
  const gc = getGc();
  const warnings = [];
  process.on("warning", (w) => warnings.push(`${w.name}: ${w.message}`));
  const log = process.stderr.isTTY && !args.json ? (line) => process.stderr.write(`… ${line}\n`) : () => {};
  const scale = args.quick ? 10 : 1;

  const started = performance.now();
  const suites = [];
  if (args.only.includes("parse")) {
    suites.push(await runParseSuite({ nodes: 10_000 / scale, edges: 20_000 / scale, runs, warmup, gc, log }));
  }
  if (args.only.includes("linear")) {
    suites.push(await runLinearSuite({ nodes: 1000 / scale, runs, warmup: 1, gc, log }));
  }
  if (args.only.includes("parallel")) {
    suites.push(await runParallelSuite({ branches: 100 / scale, runs, warmup: 1, gc, log }));
  }
  if (args.only.includes("llm")) {
    suites.push(
      await runLlmSuite({ streamBytes: (10 * 2 ** 20) / scale, requests: 200 / scale, runs, warmup: 1, gc, log }),
    );
  }

  if (args.only.includes("cxdb")) {
    suites.push(await runCxdbSuite({ scale, rounds: args.runs ?? (args.quick ? 1 : 3), gc, log }));
  }

  if (args.only.includes("twins")) {
    suites.push(await runTwinsSuite({ requests: 300 / scale, runs, warmup: 1, log }));
  }

  if (args.only.includes("agent")) {
    suites.push(
      await runAgentSuite({
        files: 10_000 / scale,
        dispatchCalls: 20_000 / scale,
        outputBytes: 10_000_000 / scale,
        runs,
        warmup: 1,
        gc,
        log,
      }),
    );
  }

  if (args.only.includes("slack")) {
    suites.push(await runSlackSuite({ requests: 300 / scale, runs, warmup: 1, log }));
  }

  const outDir = join(here, "out");
  const resultsFile = join(outDir, "results.json");
  const results = {
    meta: {
      date: new Date().toISOString(),
      command:
        `node ${relative(process.cwd(), fileURLToPath(import.meta.url))} ${process.argv.slice(2).join(" ")}`.trim(),
      node: process.version,
      platform: `${platform()} ${release()}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      quick: args.quick,
      runs,
      gc: gc !== undefined,
      versions,
      resultsFile: relative(process.cwd(), resultsFile),
      totalMs: Math.round(performance.now() - started),
    },
    suites,
    warnings,
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

  if (args.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else if (process.stdout.isTTY) process.stdout.write(`${formatTable(results, process.stdout.columns || 160)}\n`);
  else process.stdout.write(`${formatPlain(results)}\n`);
}

main().catch((error) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
