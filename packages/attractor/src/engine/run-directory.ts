/**
 * The run directory layout (attractor-spec §5.6):
 *
 * ```
 * {logs_root}/checkpoint.json   manifest.json   events.ndjson
 * {logs_root}/{node_id}/status.json prompt.md response.md ...
 * {logs_root}/artifacts/{artifact_id}.json
 * {logs_root}/restart-{n}/{node_id}/...   stage logs after the n-th loop_restart
 * ```
 *
 * The checkpoint always lives at the root so `--resume {logs_root}` finds the latest state.
 * @module
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../util/atomic-write.js";
import { outcomeFromJson, outcomeToJson } from "./checkpoint.js";
import type { Outcome } from "./outcome.js";

/** Reading a stage's status.json failed: the file exists but is not a valid status object. */
export interface StatusFileProblem {
  problem: string;
}

/** Paths and file operations of one run directory. */
export class RunDirectory {
  readonly root: string;
  /** Where stage directories go: the root, or `restart-{n}` after loop restarts. */
  stageRoot: string;
  private eventsFd: number | undefined;

  constructor(root: string, restartCount = 0) {
    this.root = root;
    this.stageRoot = restartCount > 0 ? join(root, `restart-${restartCount}`) : root;
    mkdirSync(this.stageRoot, { recursive: true });
  }

  get checkpointPath(): string {
    return join(this.root, "checkpoint.json");
  }

  get manifestPath(): string {
    return join(this.root, "manifest.json");
  }

  get eventsPath(): string {
    return join(this.root, "events.ndjson");
  }

  get artifactsDir(): string {
    return join(this.root, "artifacts");
  }

  /** Switches stage logs to a fresh `restart-{n}` directory (attractor-spec §2.7 `loop_restart`). */
  startRestart(restartCount: number): void {
    this.stageRoot = join(this.root, `restart-${restartCount}`);
    mkdirSync(this.stageRoot, { recursive: true });
  }

  /** `{stageRoot}/{nodeId}`, created if needed. */
  stageDir(nodeId: string): string {
    const dir = join(this.stageRoot, nodeId);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Writes `{stageDir}/status.json` atomically (Appendix C). */
  writeStatus(stageDir: string, outcome: Outcome): void {
    writeJsonAtomic(join(stageDir, "status.json"), outcomeToJson(outcome), { fsync: false });
  }

  /** Removes a stale status.json so one written during the next execution can be told apart. */
  clearStatus(stageDir: string): void {
    rmSync(join(stageDir, "status.json"), { force: true });
  }

  /**
   * Reads a status.json an external tool or agent wrote in `stageDir` (Appendix C).
   * @returns the outcome, undefined when there is no file, or a problem description.
   */
  readStatus(stageDir: string): Outcome | StatusFileProblem | undefined {
    const path = join(stageDir, "status.json");
    if (!existsSync(path)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      return { problem: `status.json is not valid JSON: ${(error as Error).message}` };
    }
    return outcomeFromJson(parsed) ?? { problem: 'status.json has no "outcome" field' };
  }

  /** Writes manifest.json (pipeline metadata: name, goal, start time, §5.6). */
  writeManifest(manifest: Record<string, unknown>): void {
    writeJsonAtomic(this.manifestPath, manifest, { fsync: false });
  }

  /** Reads manifest.json, or undefined. */
  readManifest(): Record<string, unknown> | undefined {
    try {
      return JSON.parse(readFileSync(this.manifestPath, "utf8")) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  /** Appends one event as a JSON line to events.ndjson (the file stays open until {@link close}). */
  appendEvent(event: unknown): void {
    if (this.eventsFd === undefined) this.eventsFd = openSync(this.eventsPath, "a");
    writeSync(this.eventsFd, `${JSON.stringify(event)}\n`);
  }

  /** Closes events.ndjson. Appending again reopens it. */
  close(): void {
    if (this.eventsFd === undefined) return;
    closeSync(this.eventsFd);
    this.eventsFd = undefined;
  }
}
