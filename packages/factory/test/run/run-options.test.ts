// Option handling of `factory run`: --set pairs, run directory names, --resume targets.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultLogsDir, displayPath, parseSetPairs, readResumeTarget, utcStamp } from "../../src/run/run-options.js";
import { tempDir } from "../helpers/run-io.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

describe("parseSetPairs", () => {
  it("splits on the first '=' and keeps values as strings", () => {
    expect(parseSetPairs(["a=1", "b=x=y", "c="])).toEqual({ a: "1", b: "x=y", c: "" });
  });

  it("rejects a pair without '=' or without a key (exit 2)", () => {
    expect(() => parseSetPairs(["novalue"])).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => parseSetPairs(["=x"])).toThrow("invalid --set '=x': expected key=value");
  });
});

describe("defaultLogsDir", () => {
  it("is <base>/.factory/runs/<name>-<UTC YYYYMMDD-HHMMSS>, suffixed when taken", () => {
    const now = new Date(Date.UTC(2025, 0, 2, 3, 4, 5));
    expect(utcStamp(now)).toBe("20250102-030405");
    const first = defaultLogsDir("my pipe/line", dir, now);
    expect(first).toBe(path.join(dir, ".factory/runs/my_pipe_line-20250102-030405"));
    mkdirSync(first, { recursive: true });
    expect(defaultLogsDir("my pipe/line", dir, now)).toBe(`${first}-2`);
  });
});

describe("readResumeTarget", () => {
  it("needs a checkpoint.json and reads the DOT file from manifest.json", () => {
    expect(() => readResumeTarget("run", dir)).toThrow("cannot resume run: no such directory");
    mkdirSync(path.join(dir, "run"));
    expect(() => readResumeTarget("run", dir)).toThrow("cannot resume run: it has no checkpoint.json");
    writeFileSync(path.join(dir, "run/checkpoint.json"), "{}");
    expect(readResumeTarget("run", dir)).toEqual({ logsRoot: path.join(dir, "run"), dotFile: undefined });
    writeFileSync(path.join(dir, "run/manifest.json"), JSON.stringify({ dot_file: "/abs/p.dot" }));
    expect(readResumeTarget("run", dir).dotFile).toBe("/abs/p.dot");
  });
});

describe("displayPath", () => {
  it("is relative inside the cwd and absolute outside it", () => {
    expect(displayPath("/a/b/c", "/a")).toBe("b/c");
    expect(displayPath("/x/y", "/a")).toBe("/x/y");
  });
});
