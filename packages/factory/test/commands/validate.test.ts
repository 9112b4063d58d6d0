// `factory validate FILE...`: diagnostics, summaries, JSON and exit codes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { runFactory, tempDir } from "../helpers/run-io.js";

const VALID = `digraph ok {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [prompt="plan it"]
  start -> plan -> exit
}
`;
// One warning (unknown attribute with a fix) and one info (codergen node without a prompt).
const WARNINGS = `digraph warn {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [prompt="x", colour="red"]
  draft [label="Draft"]
  start -> plan -> draft -> exit
}
`;
const NO_START = `digraph bad {
  plan [prompt="x"]
  plan -> exit
  exit [shape=Msquare]
}
`;
const SYNTAX = "digraph { a -> }\n";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({
    "ok.dot": VALID,
    "warn.dot": WARNINGS,
    "bad.dot": NO_START,
    "syntax.dot": SYNTAX,
  }));
});
afterEach(() => cleanup());

describe("factory validate", () => {
  it("prints nothing and exits 0 for a clean pipeline (no summary when stdout is not a terminal)", async () => {
    expect(await runCli(["validate", "ok.dot"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("prints warnings and infos as file:line:col severity rule message (fix) and exits 0", async () => {
    const { code, stdout, stderr } = await runCli(["validate", "warn.dot"], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toContain(
      "warn.dot:4:28 warning attribute_known unknown attribute 'colour' on node 'plan'; did you mean 'color'? (fix: rename 'colour' to 'color')",
    );
    expect(lines.some((l) => /^warn\.dot:5:\d+ info prompt_on_llm_nodes /.test(l))).toBe(true);
  });

  it("--quiet hides info diagnostics", async () => {
    const { stdout } = await runCli(["validate", "--quiet", "warn.dot"], { cwd: dir });
    expect(stdout).toContain(" warning attribute_known ");
    expect(stdout).not.toContain(" info ");
  });

  it("exits 2 and prints the error when the pipeline is invalid", async () => {
    const { code, stdout } = await runCli(["validate", "bad.dot"], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toMatch(/^bad\.dot:1:\d+ error start_node pipeline has no start node \(fix: .*\)$/m);
  });

  it("prints a syntax error in the same shape, with rule syntax, and exits 2", async () => {
    const { code, stdout, stderr } = await runCli(["validate", "syntax.dot"], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe("syntax.dot:1:16 error syntax expected a node id after '->', found '}'\n");
    expect(stderr).toBe("");
  });

  it("reports an unreadable file on stderr, still checks the others, and exits 2", async () => {
    const { code, stdout, stderr } = await runCli(["validate", "missing.dot", "warn.dot"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe("factory: cannot read missing.dot: no such file or directory\n");
    expect(stdout).toContain("warn.dot:4:28 warning attribute_known");
  });

  it("prints one summary line per file on a terminal", async () => {
    const { code, stdout } = await runFactory(["validate", "ok.dot", "warn.dot", "bad.dot"], { cwd: dir, tty: true });
    expect(code).toBe(2);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toContain("ok.dot: 0 errors, 0 warnings");
    expect(lines).toContain("warn.dot: 0 errors, 1 warning, 1 info");
    expect(lines).toContain("bad.dot: 1 error, 0 warnings");
    // Each summary follows its file's diagnostics.
    expect(lines.indexOf("warn.dot: 0 errors, 1 warning, 1 info")).toBeGreaterThan(
      lines.findIndex((l) => l.startsWith("warn.dot:4:28 warning")),
    );
  });

  it("--json prints one document with every file, its validity and its diagnostics", async () => {
    const { code, stdout, stderr } = await runCli(
      ["validate", "--json", "ok.dot", "warn.dot", "syntax.dot", "missing.dot"],
      { cwd: dir },
    );
    expect(code).toBe(2);
    expect(stderr).toBe("factory: cannot read missing.dot: no such file or directory\n");
    const report = JSON.parse(stdout) as Array<{ file: string; valid: boolean; diagnostics: unknown[] }>;
    expect(report.map((r) => [r.file, r.valid])).toEqual([
      ["ok.dot", true],
      ["warn.dot", true],
      ["syntax.dot", false],
      ["missing.dot", false],
    ]);
    expect(report[0].diagnostics).toEqual([]);
    expect(report[1].diagnostics).toContainEqual({
      rule: "attribute_known",
      severity: "warning",
      message: "unknown attribute 'colour' on node 'plan'; did you mean 'color'?",
      nodeId: "plan",
      fix: "rename 'colour' to 'color'",
      line: 4,
      column: 28,
    });
    expect(report[2].diagnostics).toEqual([
      { rule: "syntax", severity: "error", message: "expected a node id after '->', found '}'", line: 1, column: 16 },
    ]);
    expect(report[3].diagnostics).toEqual([
      {
        rule: "read",
        severity: "error",
        message: "cannot read missing.dot: no such file or directory",
        line: 0,
        column: 0,
      },
    ]);
  });

  it("--json --quiet leaves info diagnostics out", async () => {
    const { stdout } = await runCli(["validate", "--json", "--quiet", "warn.dot"], { cwd: dir });
    const [report] = JSON.parse(stdout) as Array<{ diagnostics: Array<{ severity: string }> }>;
    expect(report.diagnostics.map((d) => d.severity)).toEqual(["warning"]);
  });

  it("needs at least one file (usage error, exit 2)", async () => {
    const { code, stderr } = await runCli(["validate"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain("missing required argument");
  });
});
