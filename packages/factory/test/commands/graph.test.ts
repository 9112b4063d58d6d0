// `factory graph`, run in-process through main() with captured streams.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseDot } from "@darkfactory/attractor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CURRENT_NODE_COLOR, DEFAULT_FILL, STATUS_FILL } from "../../src/render/svg.js";
import { runCli } from "../helpers/cli.js";
import { nodeFill, nodeGroup, nodeStroke } from "../helpers/svg.js";

// Graphviz itself rejects this source (unquoted dotted key, bare value with dots), so it only
// renders if the command goes through toDot.
const PIPELINE = `digraph Review {
  graph [goal="Ship it", label="Review pipeline"]
  rankdir=LR
  stack.child_dotfile=child.dot
  start [shape=Mdiamond, label="Start"]
  plan [label="Plan", llm_model=gpt-5.4]
  implement [label="Implement"]
  test [shape=parallelogram, label="Run tests", tool_command="npm test"]
  review [shape=hexagon, label="Review"]
  polish [label="Polish"]
  docs [label="Docs"]
  exit [shape=Msquare, label="Exit"]
  start -> plan -> implement -> test -> review -> polish -> docs -> exit
  test -> implement [label="fix", condition="outcome=fail"]
}
`;
const NODE_IDS = ["start", "plan", "implement", "test", "review", "polish", "docs", "exit"];

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "factory-graph-"));
  await writeFile(path.join(dir, "pipeline.dot"), PIPELINE);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Creates `dir/<name>` with the given files (relative path -> content). */
async function runDir(name: string, files: Record<string, string>): Promise<string> {
  const root = path.join(dir, name);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  return root;
}

describe("factory graph", () => {
  it("writes an SVG with every node to stdout", async () => {
    const result = await runCli(["graph", "pipeline.dot"], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    for (const id of NODE_IDS) expect(result.stdout).toContain(`<title>${id}</title>`);
    expect(result.stdout).toContain("Review pipeline");
    // The hexagon of the human gate and the parallelogram of the tool keep their shapes' classes.
    expect(nodeGroup(result.stdout, "review")).toContain("df_type_wait_human");
    expect(nodeGroup(result.stdout, "test")).toContain("df_type_tool");
    expect(nodeFill(result.stdout, "plan")).toBe(DEFAULT_FILL);
  });

  it("colours nodes by their outcome in a run directory", async () => {
    const run = await runDir("run-1", {
      "checkpoint.json": JSON.stringify({
        timestamp: "2026-01-01T00:00:00Z",
        current_node: "review",
        completed_nodes: ["start", "plan", "implement", "test", "implement", "test", "review"],
        node_retries: { test: 1 },
        node_outcomes: {
          start: { status: "success" },
          plan: { status: "partial_success" },
          test: { status: "fail", failure_reason: "2 tests failed" },
        },
        context: { "graph.goal": "Ship it" },
      }),
      // Not in the checkpoint's outcomes: read from the stage directories.
      "implement/status.json": JSON.stringify({ outcome: "retry", notes: "again" }),
      "review/status.json": JSON.stringify({ outcome: "success" }),
      "polish/status.json": JSON.stringify({ outcome: "skipped" }),
    });
    const result = await runCli(["graph", "pipeline.dot", "--run", run], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const svg = result.stdout;
    expect(nodeFill(svg, "start")).toBe(STATUS_FILL.success);
    expect(nodeFill(svg, "plan")).toBe(STATUS_FILL.partial_success);
    expect(nodeFill(svg, "implement")).toBe(STATUS_FILL.retry);
    expect(nodeFill(svg, "test")).toBe(STATUS_FILL.fail);
    expect(nodeFill(svg, "review")).toBe(STATUS_FILL.success);
    expect(nodeFill(svg, "polish")).toBe(STATUS_FILL.skipped);
    // Never visited: drawn as without a run.
    expect(nodeFill(svg, "docs")).toBe(DEFAULT_FILL);
    expect(nodeGroup(svg, "docs")).not.toContain("df_status_");
    // The current node is outlined bold blue; the others are not.
    expect(nodeStroke(svg, "review")).toEqual({ color: CURRENT_NODE_COLOR, width: "3" });
    expect(nodeStroke(svg, "test").color).not.toBe(CURRENT_NODE_COLOR);
    // The status is in the tooltip.
    expect(nodeGroup(svg, "test")).toContain('xlink:title="Run tests [tool]&#10;status: fail: 2 tests failed"');
    expect(nodeGroup(svg, "review")).toContain("status: success&#10;(current node)");
  });

  it("writes the SVG atomically to -o and nothing to stdout", async () => {
    const result = await runCli(["graph", "pipeline.dot", "-o", "out/pipeline.svg"], { cwd: dir });
    // The output directory does not exist: a clear error, exit 1, no temp file left behind.
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^factory: cannot write out\/pipeline\.svg: no such file or directory\n/);

    await mkdir(path.join(dir, "out"));
    await writeFile(path.join(dir, "out/pipeline.svg"), "old content");
    const ok = await runCli(["graph", "pipeline.dot", "-o", "out/pipeline.svg"], { cwd: dir });
    expect(ok).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const svg = await readFile(path.join(dir, "out/pipeline.svg"), "utf8");
    for (const id of NODE_IDS) expect(svg).toContain(`<title>${id}</title>`);
    expect(await readdir(path.join(dir, "out"))).toEqual(["pipeline.svg"]);
  });

  it("writes the styled DOT with --format dot, which parses back", async () => {
    const result = await runCli(["graph", "pipeline.dot", "--format", "dot"], { cwd: dir });
    expect(result.code).toBe(0);
    const g = parseDot(result.stdout);
    expect([...g.nodes.keys()]).toEqual(NODE_IDS);
    expect(g.attrs.get("stack.child_dotfile")).toBe("child.dot");
    expect(g.nodes.get("plan")?.attrs.get("llm_model")).toBe("gpt-5.4");
    expect(g.nodes.get("review")?.attrs.get("shape")).toBe("hexagon");
  });

  it("rejects an unknown --format as a usage error", async () => {
    const result = await runCli(["graph", "pipeline.dot", "--format", "png"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("factory: option '--format <format>' argument 'png' is invalid");
  });
});

describe("factory graph errors", () => {
  it("reports a missing file with exit code 2 and no stack trace", async () => {
    const result = await runCli(["graph", "missing.dot"], { cwd: dir });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "factory: cannot read missing.dot: no such file or directory\n",
    });
  });

  it("reports a syntax error as file:line:col with exit code 2", async () => {
    await writeFile(path.join(dir, "bad.dot"), 'digraph G {\n  a [label="x"\n  b\n}\n');
    const result = await runCli(["graph", "bad.dot"], { cwd: dir });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "bad.dot:4:1 error syntax expected '=' after attribute name 'b', found '}'\n",
    });
  });

  it("shows the stack trace with --debug", async () => {
    const result = await runCli(["--debug", "graph", "missing.dot"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^factory: cannot read missing.dot: no such file or directory\n/);
    expect(result.stderr).toMatch(/\n\s+at .*files\.(ts|js)/);
    expect(result.stderr).toContain("Caused by: Error: ENOENT");
    // --debug also works after the command.
    const after = await runCli(["graph", "missing.dot", "--debug"], { cwd: dir });
    expect(after.stderr).toMatch(/\n\s+at /);
  });

  it("reports a missing run directory with exit code 2", async () => {
    const result = await runCli(["graph", "pipeline.dot", "--run", "no-such-run"], { cwd: dir });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "factory: cannot read run directory no-such-run: no such file or directory\n",
    });
  });

  it("reports a run directory that is a file with exit code 2", async () => {
    const result = await runCli(["graph", "pipeline.dot", "--run", "pipeline.dot"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("factory: cannot read run directory pipeline.dot: not a directory\n");
  });

  it("reports a malformed checkpoint with exit code 2", async () => {
    const notJsonDir = await runDir("run-bad-json", { "checkpoint.json": "{ not json" });
    const notJson = await runCli(["graph", "pipeline.dot", "--run", "run-bad-json"], { cwd: dir });
    expect(notJson.code).toBe(2);
    expect(notJson.stdout).toBe("");
    expect(notJson.stderr).toMatch(/^factory: cannot read checkpoint .+: .*JSON.*\n$/);
    expect(notJson.stderr).toContain(path.join(notJsonDir, "checkpoint.json"));

    const badShapeDir = await runDir("run-bad-shape", {
      "checkpoint.json": JSON.stringify({ current_node: "a", completed_nodes: "a" }),
    });
    const badShape = await runCli(["graph", "pipeline.dot", "--run", "run-bad-shape"], { cwd: dir });
    expect(badShape).toEqual({
      code: 2,
      stdout: "",
      stderr: `factory: checkpoint ${path.join(badShapeDir, "checkpoint.json")} is malformed: it needs "current_node" (string) and "completed_nodes" (array of node ids)\n`,
    });
  });

  it("reports a directory that is not a run directory with exit code 2", async () => {
    await mkdir(path.join(dir, "empty-run"));
    const result = await runCli(["graph", "pipeline.dot", "--run", "empty-run"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("factory: empty-run does not look like a run directory");
  });

  it("warns about a malformed status.json and still renders", async () => {
    await runDir("run-warn", {
      "manifest.json": "{}",
      "plan/status.json": "{ oops",
      "start/status.json": JSON.stringify({ outcome: "success" }),
    });
    const result = await runCli(["graph", "pipeline.dot", "--run", "run-warn"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^factory: warning: ignoring run-warn\/plan\/status\.json: not valid JSON/);
    expect(nodeFill(result.stdout, "start")).toBe(STATUS_FILL.success);
    expect(nodeFill(result.stdout, "plan")).toBe(DEFAULT_FILL);
  });
});
