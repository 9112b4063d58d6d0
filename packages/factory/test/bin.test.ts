// The published bin (bin/factory.js -> dist/cli.js) run as a real child process.
// It needs a build: `npm test` runs `tsc -b` first; alone, run `npx tsc -b` before vitest.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(packageDir, "bin/factory.js");

describe("bin/factory.js", () => {
  it("is built (dist/cli.js exists; run `npx tsc -b`)", () => {
    expect(existsSync(path.join(packageDir, "dist/cli.js")), "dist/cli.js is missing: run `npx tsc -b` first").toBe(
      true,
    );
  });

  it("renders a pipeline end to end and exits 0", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "factory-bin-"));
    try {
      await writeFile(
        path.join(dir, "p.dot"),
        "digraph P { start [shape=Mdiamond]; llm.model_x=gpt-5.4; start -> exit }",
      );
      const { stdout, stderr } = await run(process.execPath, [bin, "graph", "p.dot"], { cwd: dir });
      expect(stderr).toBe("");
      expect(stdout).toContain("<svg");
      expect(stdout).toContain("<title>start</title>");
      expect(stdout).toContain("<title>exit</title>");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("sets the process exit code and prints no stack trace on errors", async () => {
    const error = await run(process.execPath, [bin, "graph", "does-not-exist.dot"], { cwd: tmpdir() }).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(error).toMatchObject({
      code: 2,
      stdout: "",
      stderr: "factory: cannot read does-not-exist.dot: no such file or directory\n",
    });
  });
});
