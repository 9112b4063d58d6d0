// The `factory` program itself: help, version and usage errors.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string })
  .version;

describe("factory", () => {
  it("prints its version from package.json", async () => {
    expect(await runCli(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("prints help listing the commands and the global --debug option", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: factory \[options\] \[command\]/);
    expect(result.stdout).toContain("--debug");
    expect(result.stdout).toMatch(/\n\s+graph \[options\] <file>/);
    expect(result.stderr).toBe("");
  });

  it("prints a command's help", async () => {
    const result = await runCli(["graph", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: factory graph [options] <file>");
    expect(result.stdout).toContain("--run <dir>");
  });

  it("treats a missing command as a usage error (exit 2, help on stderr)", async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Usage: factory");
  });

  it("treats an unknown command or option as a usage error (exit 2)", async () => {
    const unknown = await runCli(["frobnicate"]);
    expect(unknown).toEqual({
      code: 2,
      stdout: "",
      stderr: "factory: unknown command 'frobnicate'\n(run 'factory --help' for usage)\n",
    });
    const option = await runCli(["graph", "x.dot", "--colour"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^factory: unknown option '--colour'/);
  });

  it("treats a missing argument as a usage error (exit 2)", async () => {
    const result = await runCli(["graph"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^factory: missing required argument 'file'/);
  });
});
