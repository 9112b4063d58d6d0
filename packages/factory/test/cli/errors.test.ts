// reportError: the one place that turns errors into messages and exit codes.
import { AttractorError, CheckpointError, DotSyntaxError, ValidationError } from "@darkfactory/attractor";
import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { CliError, ExitCode, reportError, withExitCode } from "../../src/cli/errors.js";
import type { CliIo } from "../../src/cli/io.js";
import { CaptureStream } from "../helpers/cli.js";

function report(error: unknown, debug = false): { code: number; stderr: string } {
  const stderr = new CaptureStream();
  const io: CliIo = { stdout: new CaptureStream(), stderr, stdin: process.stdin, env: {}, cwd: "/" };
  const code = reportError(error, io, { debug });
  return { code, stderr: stderr.text };
}

describe("ExitCode", () => {
  it("has the documented values", () => {
    expect(ExitCode).toEqual({ SUCCESS: 0, FAILURE: 1, INVALID_INPUT: 2, INTERRUPTED: 130 });
  });
});

describe("reportError", () => {
  it("formats a DOT syntax error as file:line:col error syntax <detail> (exit 2)", () => {
    const error = new DotSyntaxError({ detail: "expected '{'", location: { line: 3, column: 7 }, file: "p.dot" });
    expect(report(error)).toEqual({ code: 2, stderr: "p.dot:3:7 error syntax expected '{'\n" });
  });

  it("says nothing about a closed pipe (EPIPE: the reader went away) and exits 0", () => {
    expect(report(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }))).toEqual({ code: 0, stderr: "" });
  });

  it("reports an AttractorError's message with exit 1", () => {
    const error = new CheckpointError({ message: "checkpoint does not match", path: "/x" });
    expect(report(error)).toEqual({ code: 1, stderr: "factory: checkpoint does not match\n" });
  });

  it("lets a command choose the exit code of an error it wraps", () => {
    const error = new ValidationError({
      diagnostics: [{ rule: "start_node", severity: "error", message: "no start node", file: "p.dot" }],
    });
    const { code, stderr } = report(withExitCode(error, ExitCode.INVALID_INPUT));
    expect(code).toBe(2);
    expect(stderr).toBe(`factory: ${error.message}\n`);
    const syntax = new DotSyntaxError({ detail: "bad", location: { line: 1, column: 1 }, file: "q.dot" });
    expect(report(withExitCode(syntax, ExitCode.FAILURE))).toEqual({
      code: 1,
      stderr: "q.dot:1:1 error syntax bad\n",
    });
  });

  it("reports a CliError with its own exit code", () => {
    expect(report(new CliError({ message: "interrupted", exitCode: ExitCode.INTERRUPTED }))).toEqual({
      code: 130,
      stderr: "factory: interrupted\n",
    });
  });

  it("reports an unknown error on one line with a --debug hint (exit 1)", () => {
    expect(report(new TypeError("x is not a function\n    at somewhere"))).toEqual({
      code: 1,
      stderr: "factory: x is not a function ...\nfactory: run with --debug for a stack trace\n",
    });
    expect(report("a string was thrown")).toEqual({
      code: 1,
      stderr: "factory: a string was thrown\nfactory: run with --debug for a stack trace\n",
    });
  });

  it("prints the stack and causes only with debug", () => {
    const error = new AttractorError({ message: "outer", cause: new Error("inner") });
    const { stderr } = report(error, true);
    expect(stderr).toMatch(/^factory: outer\nAttractorError: outer\n\s+at /);
    expect(stderr).toContain("Caused by: Error: inner");
    expect(report(error).stderr).toBe("factory: outer\n");
  });

  it("maps commander errors: help and version exit 0, usage errors exit 2, nothing printed", () => {
    expect(report(new CommanderError(0, "commander.helpDisplayed", "(outputHelp)"))).toEqual({ code: 0, stderr: "" });
    expect(report(new CommanderError(0, "commander.version", "1.0.0"))).toEqual({ code: 0, stderr: "" });
    expect(report(new CommanderError(1, "commander.unknownCommand", "error: unknown command"))).toEqual({
      code: 2,
      stderr: "",
    });
  });
});
