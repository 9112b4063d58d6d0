import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RunDirectory } from "../../src/index.js";
import { readJson, readText, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

describe("RunDirectory (§5.6)", () => {
  it("creates the root and puts checkpoint, manifest, events and artifacts there", () => {
    const root = join(tmp(), "run");
    const dir = new RunDirectory(root);
    expect(existsSync(root)).toBe(true);
    expect(dir.stageRoot).toBe(root);
    expect(dir.checkpointPath).toBe(join(root, "checkpoint.json"));
    expect(dir.manifestPath).toBe(join(root, "manifest.json"));
    expect(dir.eventsPath).toBe(join(root, "events.ndjson"));
    expect(dir.artifactsDir).toBe(join(root, "artifacts"));
  });

  it("stageDir creates {root}/{node_id}", () => {
    const root = tmp();
    const stage = new RunDirectory(root).stageDir("plan");
    expect(stage).toBe(join(root, "plan"));
    expect(existsSync(stage)).toBe(true);
  });

  it("puts stage directories under restart-{n} after a loop restart, the checkpoint stays at the root", () => {
    const root = tmp();
    const dir = new RunDirectory(root);
    dir.startRestart(2);
    expect(dir.stageDir("a")).toBe(join(root, "restart-2", "a"));
    expect(dir.checkpointPath).toBe(join(root, "checkpoint.json"));
    expect(new RunDirectory(root, 3).stageRoot).toBe(join(root, "restart-3"));
  });

  it("writes status.json in the Appendix C shape and reads it back", () => {
    const dir = new RunDirectory(tmp());
    const stage = dir.stageDir("a");
    dir.writeStatus(stage, { status: "success", preferredLabel: "Go", contextUpdates: { k: "v" }, notes: "done" });
    expect(readJson(join(stage, "status.json"))).toEqual({
      outcome: "success",
      preferred_label: "Go",
      context_updates: { k: "v" },
      notes: "done",
    });
    expect(dir.readStatus(stage)).toEqual({
      status: "success",
      preferredLabel: "Go",
      contextUpdates: { k: "v" },
      notes: "done",
    });
    expect(readdirSync(stage)).toEqual(["status.json"]);
  });

  it("readStatus: undefined without a file, a problem for invalid JSON or a missing outcome", () => {
    const dir = new RunDirectory(tmp());
    const stage = dir.stageDir("a");
    expect(dir.readStatus(stage)).toBeUndefined();
    writeFileSync(join(stage, "status.json"), "{ nope");
    expect(dir.readStatus(stage)).toEqual({ problem: expect.stringMatching(/not valid JSON/) });
    writeFileSync(join(stage, "status.json"), JSON.stringify({ notes: "x" }));
    expect(dir.readStatus(stage)).toEqual({ problem: 'status.json has no "outcome" field' });
  });

  it("clearStatus removes status.json and tolerates its absence", () => {
    const dir = new RunDirectory(tmp());
    const stage = dir.stageDir("a");
    dir.writeStatus(stage, { status: "fail" });
    dir.clearStatus(stage);
    expect(existsSync(join(stage, "status.json"))).toBe(false);
    expect(() => dir.clearStatus(stage)).not.toThrow();
  });

  it("writes and reads manifest.json; readManifest is undefined before", () => {
    const dir = new RunDirectory(tmp());
    expect(dir.readManifest()).toBeUndefined();
    dir.writeManifest({ name: "demo", goal: "Ship" });
    expect(dir.readManifest()).toEqual({ name: "demo", goal: "Ship" });
  });

  it("appends events as JSON lines", () => {
    const dir = new RunDirectory(tmp());
    dir.appendEvent({ type: "a" });
    dir.appendEvent({ type: "b", n: 1 });
    expect(readText(dir.eventsPath)).toBe('{"type":"a"}\n{"type":"b","n":1}\n');
  });
});
