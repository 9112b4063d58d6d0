/**
 * Suite 7: the coding agent's tool layer (@darkfactory/agent, built to packages/agent/dist):
 * the per-call cost of `ToolRegistry.execute` (lookup, argument parsing, JSON Schema validation,
 * truncation) over calling a trivial executor directly; `grep` and `glob` through
 * `LocalExecutionEnvironment` on a generated 10,000-file tree, with the ripgrep backend and the
 * native JavaScript fallback, against `rg` run directly in the same run; and the cost of
 * truncating, and of capturing, 10 MB of tool output.
 * @module
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createShellTool,
  LocalExecutionEnvironment,
  ToolRegistry,
  truncateLines,
  truncateToolOutput,
} from "@darkfactory/agent";
import { glob as tinyglob } from "tinyglobby";
import { compare, round, row } from "./lib/rows.mjs";
import { timeInterleaved } from "./lib/stats.mjs";

const agentVersion = JSON.parse(
  readFileSync(new URL("../packages/agent/package.json", import.meta.url), "utf8"),
).version;

/** The rg binary compared with (Debian's ripgrep package installs it here). */
const RG = "/usr/bin/rg";

/** The rare pattern: about 1 line in 200 files, so every backend reads the whole tree. */
const RARE_PATTERN = "TODO\\(bench-[0-9]+\\)";
/** A pattern in about one file in ten (files_with_matches mode: every file read, the matches sorted by mtime). */
const COMMON_PATTERN = "deprecatedHelper";
const GLOB_PATTERN = "**/*.ts";

/**
 * Runs the agent suite.
 * @param options.files size of the generated tree (default 10,000 files)
 * @param options.dispatchCalls tool calls per dispatch measurement (default 20,000)
 * @param options.outputBytes size of the truncated and captured outputs (default 10,000,000)
 * @param options.runs timed runs (median reported); options.warmup untimed first
 * @returns `{ id, title, params, rows }`
 * @throws Error when two grep or glob variants disagree on what they found (the figures would not compare)
 */
export async function runAgentSuite({
  files = 10_000,
  dispatchCalls = 20_000,
  outputBytes = 10_000_000,
  runs = 7,
  warmup = 1,
  gc,
  log = () => {},
}) {
  const rows = [];
  const rgAvailable = existsSync(RG);

  log(`agent: ${dispatchCalls} trivial tool calls through ToolRegistry.execute vs the executor alone`);
  rows.push(...(await dispatchRows(dispatchCalls, { runs, warmup, gc })));

  const root = mkdtempSync(join(tmpdir(), "darkfactory-bench-agent-"));
  try {
    log(`agent: generating a ${files}-file tree in ${root}`);
    const tree = generateTree(root, files);
    log(`agent: grep and glob over ${tree.files} files (${(tree.bytes / 2 ** 20).toFixed(1)} MiB)`);
    // Fewer runs for the tree: the native backend reads the whole tree each time.
    const treeRuns = Math.min(runs, 5);
    rows.push(...(await searchRows(root, tree, rgAvailable, { runs: treeRuns, warmup, gc })));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }

  log(`agent: truncating and capturing ${(outputBytes / 1e6).toFixed(0)} MB of tool output`);
  rows.push(...(await outputRows(outputBytes, { runs, warmup, gc })));

  return {
    id: "agent",
    title: `Agent tools: dispatch overhead, grep/glob over ${files} files, ${(outputBytes / 1e6).toFixed(0)} MB outputs`,
    params: { files, dispatchCalls, outputBytes, rg: rgAvailable ? RG : "unavailable", agent: agentVersion },
    rows,
  };
}

// ---------------------------------------------------------------------------------------------
// (a) dispatch

async function dispatchRows(count, timing) {
  const echo = {
    definition: {
      name: "echo",
      description: "Echo the text back.",
      parameters: {
        type: "object",
        properties: { text: { type: "string" }, times: { type: "integer", minimum: 1 } },
        required: ["text"],
      },
    },
    executor: async (args) => String(args.text),
  };
  const registry = new ToolRegistry();
  registry.register(echo);
  const context = { env: undefined, defaultCommandTimeoutMs: 10_000, maxCommandTimeoutMs: 600_000 };
  const args = { text: "hello", times: 2 };
  const raw = JSON.stringify(args);
  const check = (n) => expect(n === count * 5, `expected ${count * 5} characters of output, got ${n}`);
  const timings = await timeInterleaved(
    [
      {
        name: "direct",
        fn: async () => {
          let n = 0;
          for (let i = 0; i < count; i++) n += (await echo.executor(args, context)).length;
          return n;
        },
        teardown: (_i, n) => check(n),
      },
      {
        name: "registry",
        fn: async () => {
          let n = 0;
          for (let i = 0; i < count; i++) {
            n += (await registry.execute({ id: `c${i}`, name: "echo", arguments: args }, context)).output.length;
          }
          return n;
        },
        teardown: (_i, n) => check(n),
      },
      {
        name: "registry-raw",
        fn: async () => {
          let n = 0;
          for (let i = 0; i < count; i++) {
            const call = { id: `c${i}`, name: "echo", arguments: args, rawArguments: raw };
            n += (await registry.execute(call, context)).output.length;
          }
          return n;
        },
        teardown: (_i, n) => check(n),
      },
    ],
    timing,
  );
  const d = timings.get("direct");
  const r = timings.get("registry");
  const rr = timings.get("registry-raw");
  const us = (t) => (t.ms * 1000) / count;
  const perCall = (t) => ({ ms: t.ms / count, unit: "call" });
  return [
    row("ours: ToolRegistry.execute, trivial tool", "ours", r, {
      perUnit: perCall(r),
      ...compare(r.ms, d.ms, "the executor called directly"),
      notes: `${us(r).toFixed(2)} µs/call; overhead ${(us(r) - us(d)).toFixed(2)} µs/call (lookup + ajv validation + truncation)`,
    }),
    row("ours: ToolRegistry.execute, with rawArguments JSON", "ours", rr, {
      perUnit: perCall(rr),
      ...compare(rr.ms, d.ms, "the executor called directly"),
      notes: `${us(rr).toFixed(2)} µs/call; overhead ${(us(rr) - us(d)).toFixed(2)} µs/call (adds JSON.parse, as for provider tool calls)`,
    }),
    row("reference: the executor called directly", "peer", d, {
      perUnit: perCall(d),
      notes: `${us(d).toFixed(2)} µs/call; an async function returning its argument`,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// (b) grep and glob

/** A small seeded PRNG (mulberry32), so the tree is the same in every run. */
function rng(seed) {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "value result error config option request response handler context session tool output input " +
  "path file line index count buffer stream event state model prompt token limit retry timeout"
).split(" ");

/**
 * Writes `count` files under `root`: `pkgNN/src/modNN/fileNNNN.<ext>`, 100 files per directory,
 * about 2 KB of source-like text each (.ts 50%, .js 20%, .md 10%, .json 10%, .txt 9%) and 1% binary
 * files (NUL bytes). One file in 200 holds the rare pattern once; one in ten the common one.
 * @returns `{ files, bytes, rare, common, ts }`: counts the suite checks the variants against
 */
function generateTree(root, count) {
  const next = rng(42);
  const word = () => WORDS[Math.floor(next() * WORDS.length)];
  let bytes = 0;
  let rare = 0;
  let common = 0;
  let ts = 0;
  const perDir = 100;
  const dirsPerPkg = 10;
  for (let i = 0; i < count; i++) {
    const dirIndex = Math.floor(i / perDir);
    const dir = join(
      root,
      `pkg${String(Math.floor(dirIndex / dirsPerPkg)).padStart(2, "0")}`,
      "src",
      `mod${String(dirIndex % dirsPerPkg).padStart(2, "0")}`,
    );
    if (i % perDir === 0) mkdirSync(dir, { recursive: true });
    const kind = i % 100;
    let ext;
    let content;
    if (kind === 99) {
      ext = "bin";
      const buffer = Buffer.alloc(4096);
      for (let k = 0; k < buffer.length; k++) buffer[k] = Math.floor(next() * 256);
      buffer[10] = 0;
      // Binary files also "contain" the patterns: every backend must skip them.
      buffer.write(`TODO(bench-${i}) deprecatedHelper`, 100);
      content = buffer;
    } else {
      ext = kind < 50 ? "ts" : kind < 70 ? "js" : kind < 80 ? "md" : kind < 90 ? "json" : "txt";
      if (ext === "ts") ts++;
      const lines = [];
      for (let l = 0; l < 60; l++) {
        const indent = "  ".repeat(1 + Math.floor(next() * 3));
        lines.push(`${indent}const ${word()}${l} = ${word()}.${word()}(${word()}, ${Math.floor(next() * 1000)});`);
      }
      if (i % 200 === 7) {
        lines[30] = `  // TODO(bench-${i}): replace this call`;
        rare++;
      }
      if (i % 10 === 3) {
        lines[45] = `  const legacy = deprecatedHelper(${i});`;
        common++;
      }
      content = `${lines.join("\n")}\n`;
    }
    const file = join(dir, `file${String(i).padStart(5, "0")}.${ext}`);
    writeFileSync(file, content);
    bytes += typeof content === "string" ? Buffer.byteLength(content) : content.length;
  }
  return { files: count, bytes, rare, common, ts };
}

/** Runs rg in `cwd` and returns its stdout (exit status 1, "no match", is not an error). */
function runRg(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(RG, ["--no-config", ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    let stderr = "";
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0 && code !== 1) reject(new Error(`rg ${args.join(" ")} exited ${code}: ${stderr}`));
      else resolve(Buffer.concat(chunks).toString("utf8"));
    });
  });
}

const lineCount = (text) => (text === "" ? 0 : text.replace(/\n$/, "").split("\n").length);

async function searchRows(root, tree, rgAvailable, timing) {
  const withRg = new LocalExecutionEnvironment({ workingDir: root, ripgrep: rgAvailable ? RG : false });
  const native = new LocalExecutionEnvironment({ workingDir: root, ripgrep: false });
  const rows = [];
  const rgNote = rgAvailable ? "" : " (rg unavailable: the ripgrep-backend row ran the native fallback)";
  const rgName = rgAvailable ? `rg ${(await runRg(["--version"], root)).split(/\s/)[1]}` : "rg (unavailable)";

  // Content mode, rare pattern: every backend reads the whole tree; the output is the same.
  const contentVariants = [
    { name: "rg-backend", fn: () => withRg.grep(RARE_PATTERN, ".", { maxResults: 1000 }) },
    { name: "native", fn: () => native.grep(RARE_PATTERN, ".", { maxResults: 1000 }) },
  ];
  if (rgAvailable) {
    contentVariants.push({
      name: "rg",
      fn: () => runRg(["--line-number", "--color", "never", "--regexp", RARE_PATTERN, "."], root),
    });
  }
  for (const v of contentVariants) {
    v.teardown = (_i, out) =>
      expect(lineCount(out) === tree.rare, `grep ${v.name} found ${lineCount(out)} lines, expected ${tree.rare}`);
  }
  const content = await timeInterleaved(contentVariants, timing);

  // files_with_matches, a pattern in one file in ten: every file read, matches sorted newest first.
  const filesVariants = [
    {
      name: "rg-backend",
      fn: () => withRg.grep(COMMON_PATTERN, ".", { outputMode: "files_with_matches", maxResults: 100_000 }),
    },
    {
      name: "native",
      fn: () => native.grep(COMMON_PATTERN, ".", { outputMode: "files_with_matches", maxResults: 100_000 }),
    },
  ];
  if (rgAvailable) {
    filesVariants.push({
      name: "rg",
      fn: () => runRg(["--files-with-matches", "--color", "never", "--regexp", COMMON_PATTERN, "."], root),
    });
  }
  for (const v of filesVariants) {
    v.teardown = (_i, out) =>
      expect(
        lineCount(out) === tree.common,
        `grep -l ${v.name} found ${lineCount(out)} files, expected ${tree.common}`,
      );
  }
  const filesOnly = await timeInterleaved(filesVariants, timing);

  const searchRowsFor = (label, timings, what) => {
    const peer = timings.get("rg");
    const vs = (t) => (peer ? compare(t.ms, peer.ms, rgName) : { ratioText: "n/a (rg unavailable)" });
    const rgRow = timings.get("rg-backend");
    const nativeRow = timings.get("native");
    const out = [
      row(`ours: grep ${label}, ripgrep backend`, "ours", rgRow, {
        ...vs(rgRow),
        notes: `LocalExecutionEnvironment.grep → rg --json --sort path, parsed and formatted${rgNote}`,
      }),
      row(`ours: grep ${label}, native backend`, "ours", nativeRow, {
        ...vs(nativeRow),
        notes: `ripgrep: false → tinyglobby walk + JS RegExp; ${(tree.bytes / 2 ** 20 / (nativeRow.ms / 1000)).toFixed(0)} MiB/s`,
      }),
    ];
    if (peer) out.push(row(`peer: ${rgName} ${what}`, "peer", peer, { notes: "spawned from Node, stdout collected" }));
    return out;
  };
  rows.push(...searchRowsFor(`content /${RARE_PATTERN}/`, content, "--line-number (parallel, unsorted)"));
  rows.push(...searchRowsFor(`files_with_matches /${COMMON_PATTERN}/`, filesOnly, "--files-with-matches"));

  // glob: one implementation (tinyglobby) whatever the grep backend; the breakdown shows the walk alone.
  const globVariants = [
    { name: "ours", fn: () => withRg.glob(GLOB_PATTERN, ".") },
    {
      name: "walk",
      fn: () => tinyglob(GLOB_PATTERN, { cwd: root, absolute: true, dot: true, followSymbolicLinks: false }),
    },
  ];
  if (rgAvailable) {
    globVariants.push({ name: "rg", fn: () => runRg(["--files", "--glob", "*.ts"], root).then((s) => s.split("\n")) });
  }
  for (const v of globVariants) {
    v.teardown = (_i, out) => {
      const n = out.filter((p) => p !== "").length;
      expect(n === tree.ts, `glob ${v.name} found ${n} files, expected ${tree.ts}`);
    };
  }
  const globs = await timeInterleaved(globVariants, timing);
  const g = globs.get("ours");
  const w = globs.get("walk");
  const rgGlob = globs.get("rg");
  rows.push(
    row(`ours: glob ${GLOB_PATTERN} (${tree.ts} matches)`, "ours", g, {
      ...(rgGlob ? compare(g.ms, rgGlob.ms, `${rgName} --files`) : { ratioText: "n/a (rg unavailable)" }),
      notes:
        "LocalExecutionEnvironment.glob: tinyglobby walk, confinement check, stat + sort newest first (same for both grep backends)",
    }),
    row("ours: of which tinyglobby walk alone", "ours", w, {
      ...(rgGlob ? compare(w.ms, rgGlob.ms, `${rgName} --files`) : {}),
      notes: `the rest (${round(g.ms - w.ms, 1)} ms) is the ${tree.ts} stats of the newest-first sort`,
    }),
  );
  if (rgGlob) {
    rows.push(row(`peer: ${rgName} --files --glob '*.ts'`, "peer", rgGlob, { notes: "unsorted, spawned from Node" }));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// (c) 10 MB outputs

async function outputRows(bytes, timing) {
  const lineText = `${"output line of a noisy build step ".repeat(2).trimEnd()} ok`;
  const lines = [];
  let size = 0;
  while (size < bytes) {
    lines.push(lineText);
    size += lineText.length + 1;
  }
  const manyLines = lines.join("\n").slice(0, bytes);
  const oneLine = "x".repeat(bytes);
  const mb = bytes / 1e6;
  const repeat = 20;
  const lifted = { toolOutputLimits: { shell: bytes * 2 } };
  const variants = [
    { name: "lines", fn: () => repeatCall(repeat, () => truncateToolOutput(manyLines, "shell")) },
    { name: "one-line", fn: () => repeatCall(repeat, () => truncateToolOutput(oneLine, "shell")) },
    { name: "lifted", fn: () => truncateToolOutput(manyLines, "shell", lifted).length },
    { name: "split", fn: () => truncateLines(manyLines, 256).length },
  ];
  const t = await timeInterleaved(variants, timing);
  const mbps = (ms) => `${(mb / (ms / 1000)).toFixed(0)} MB/s`;
  const perCall = (x) => x.ms / repeat;
  const rows = [
    row(`ours: truncateToolOutput(${mb.toFixed(0)} MB, "shell"), 80-char lines`, "ours", t.get("lines"), {
      perUnit: { ms: perCall(t.get("lines")), unit: "call" },
      notes: `${perCall(t.get("lines")).toFixed(3)} ms/call, ${mbps(perCall(t.get("lines")))}; 30,000 chars head+tail first, then 256 lines`,
    }),
    row(`ours: truncateToolOutput(${mb.toFixed(0)} MB, "shell"), one line`, "ours", t.get("one-line"), {
      perUnit: { ms: perCall(t.get("one-line")), unit: "call" },
      notes: `${perCall(t.get("one-line")).toFixed(3)} ms/call, ${mbps(perCall(t.get("one-line")))}; the pathological single-line case`,
    }),
    row(`ours: truncateToolOutput, char limit lifted to ${(2 * mb).toFixed(0)} MB`, "ours", t.get("lifted"), {
      notes: `${mbps(t.get("lifted").ms)}; only the 256-line truncation works: it splits all ${lines.length} lines`,
    }),
    row(`reference: truncateLines(${mb.toFixed(0)} MB, 256) alone`, "ours", t.get("split"), {
      notes: `${mbps(t.get("split").ms)}; what the character limit saves`,
    }),
  ];

  // The shell tool capturing 10 MB of stdout, against a bare spawn collecting the same bytes.
  const root = mkdtempSync(join(tmpdir(), "darkfactory-bench-agent-sh-"));
  try {
    const env = new LocalExecutionEnvironment({ workingDir: root });
    const registry = new ToolRegistry();
    registry.register(createShellTool());
    const context = { env, defaultCommandTimeoutMs: 60_000, maxCommandTimeoutMs: 600_000 };
    const command = `head -c ${bytes} /dev/zero | tr '\\0' x`;
    const shell = await timeInterleaved(
      [
        {
          name: "tool",
          fn: () => registry.execute({ id: "s", name: "shell", arguments: { command } }, context),
          teardown: (_i, r) =>
            expect(
              // Up to 4 MiB of stdout are kept (head + tail), with a marker for the rest.
              r.fullOutput.length >= Math.min(bytes, 4 * 2 ** 20) &&
                (bytes <= 4 * 2 ** 20 || r.fullOutput.includes(`(${bytes} bytes in total)`)) &&
                r.output.length < 31_000 &&
                !r.isError,
              "the shell tool did not capture the whole output",
            ),
        },
        {
          name: "spawn",
          fn: () => spawnCollect(command, root),
          teardown: (_i, n) => expect(n === bytes, `spawn collected ${n} bytes, expected ${bytes}`),
        },
      ],
      timing,
    );
    const tool = shell.get("tool");
    const bare = shell.get("spawn");
    rows.push(
      row(`ours: shell tool capturing ${mb.toFixed(0)} MB of stdout`, "ours", tool, {
        ...compare(tool.ms, bare.ms, "bare spawn"),
        notes: `${mbps(tool.ms)}; execCommand (4 MiB head+tail kept) → format → 30k-char truncation; \`${command}\``,
      }),
      row(`peer: bare spawn('/bin/bash', ['-c', …]) collecting ${mb.toFixed(0)} MB`, "peer", bare, {
        notes: `${mbps(bare.ms)}; Buffer chunks concatenated, nothing decoded`,
      }),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

function repeatCall(times, fn) {
  let n = 0;
  for (let i = 0; i < times; i++) n += fn().length;
  return n;
}

function spawnCollect(command, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/bash", ["-c", command], { cwd, stdio: ["ignore", "pipe", "ignore"] });
    const chunks = [];
    child.stdout.on("data", (c) => chunks.push(c));
    child.on("error", reject);
    child.on("close", () => resolve(Buffer.concat(chunks).length));
  });
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}
