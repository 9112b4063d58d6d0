import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ArtifactStore,
  AttractorError,
  FILE_BACKING_THRESHOLD_BYTES,
  type PipelineEvent,
  parseDot,
  runPipeline,
} from "../../src/index.js";
import { useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

describe("ArtifactStore (§5.5)", () => {
  it("keeps small artifacts in memory and returns their info", () => {
    const dir = tmp();
    const store = new ArtifactStore(dir);
    const info = store.store("plan", "The plan", { steps: ["a", "b"] });
    expect(info).toMatchObject({ id: "plan", name: "The plan", sizeBytes: 19, isFileBacked: false });
    expect(Number.isNaN(Date.parse(info.storedAt))).toBe(false);
    expect(store.retrieve("plan")).toEqual({ steps: ["a", "b"] });
    expect(existsSync(join(dir, "artifacts"))).toBe(false);
  });

  it("writes artifacts over the 100 KB default threshold to {base_dir}/artifacts/{id}.json", () => {
    expect(FILE_BACKING_THRESHOLD_BYTES).toBe(100 * 1024);
    const dir = tmp();
    const store = new ArtifactStore(dir);
    const big = "x".repeat(FILE_BACKING_THRESHOLD_BYTES);
    const info = store.store("big", "Big", big);
    expect(info.isFileBacked).toBe(true);
    expect(info.sizeBytes).toBe(FILE_BACKING_THRESHOLD_BYTES + 2);
    const path = join(dir, "artifacts", "big.json");
    expect(existsSync(path)).toBe(true);
    expect(store.retrieve("big")).toBe(big);
  });

  it("honours a custom threshold, and the boundary is 'greater than'", () => {
    const dir = tmp();
    const store = new ArtifactStore(dir, 10);
    expect(store.store("eq", "eq", "12345678").isFileBacked).toBe(false); // 10 bytes with quotes
    expect(store.store("over", "over", "123456789").isFileBacked).toBe(true);
    expect(readdirSync(join(dir, "artifacts"))).toEqual(["over.json"]);
  });

  it("never writes to disk without a base directory", () => {
    const store = new ArtifactStore(undefined, 1);
    expect(store.store("a", "a", { long: "value" }).isFileBacked).toBe(false);
    expect(store.retrieve("a")).toEqual({ long: "value" });
  });

  it("has, list, size, remove (deleting the file) and clear", () => {
    const dir = tmp();
    const store = new ArtifactStore(dir, 5);
    store.store("small", "s", 1);
    store.store("large", "l", "long enough");
    expect(store.has("small")).toBe(true);
    expect(store.list().map((i) => i.id)).toEqual(["small", "large"]);
    expect(store.size).toBe(2);
    store.remove("large");
    expect(existsSync(join(dir, "artifacts", "large.json"))).toBe(false);
    expect(store.has("large")).toBe(false);
    store.store("large2", "l", "long enough again");
    store.clear();
    expect(store.size).toBe(0);
    expect(readdirSync(join(dir, "artifacts"))).toEqual([]);
  });

  it("replaces an artifact stored again under the same id", () => {
    const store = new ArtifactStore();
    store.store("a", "first", 1);
    store.store("a", "second", 2);
    expect(store.retrieve("a")).toBe(2);
    expect(store.list()).toHaveLength(1);
  });

  it("throws AttractorError for an unknown id", () => {
    expect(() => new ArtifactStore().retrieve("nope")).toThrow(AttractorError);
    expect(() => new ArtifactStore().retrieve("nope")).toThrow("Artifact not found: nope");
  });

  it("keeps file names inside the artifacts directory for ids with path characters", () => {
    const dir = tmp();
    const store = new ArtifactStore(dir, 1);
    store.store("../escape/me", "x", "data");
    expect(readdirSync(join(dir, "artifacts"))).toEqual([".._escape_me.json"]);
    expect(store.retrieve("../escape/me")).toBe("data");
  });
});

describe("the run's artifact store, as handlers see it (§5.5)", () => {
  it("a custom handler stores a large output; it lands in {logs_root}/artifacts and is counted at completion", async () => {
    const logsRoot = mkdtempSync(join(tmpdir(), "artifacts-run-"));
    try {
      const big = { rows: "x".repeat(200 * 1024) };
      const graph = parseDot(
        `digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; dump [type="dump"]; start -> dump -> exit }`,
      );
      const events: PipelineEvent[] = [];
      const result = await runPipeline(graph, {
        logsRoot,
        onEvent: (e) => events.push(e),
        handlers: {
          dump: {
            async execute(_node, _context, _graph, _logs, runtime) {
              const info = runtime.artifacts.store("report", "Full report", big);
              return { status: "success", contextUpdates: { report_artifact: info.id, report_bytes: info.sizeBytes } };
            },
          },
        },
      });
      expect(result.status).toBe("success");
      expect(result.context.report_bytes).toBeGreaterThan(200 * 1024);
      expect(JSON.parse(readFileSync(join(logsRoot, "artifacts", "report.json"), "utf8"))).toEqual(big);
      const completed = events.find((e) => e.type === "pipeline_completed");
      expect(completed?.type === "pipeline_completed" && completed.artifactCount).toBe(1);
    } finally {
      rmSync(logsRoot, { recursive: true, force: true });
    }
  });
});
