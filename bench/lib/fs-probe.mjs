/**
 * An fs probe for engine runs: wraps the synchronous `node:fs` calls the engine makes (and
 * `JSON.stringify` of checkpoints and events) to time them by what they write, or to turn the
 * checkpoint's file I/O into no-ops. Works on the built engine unchanged: `syncBuiltinESMExports`
 * pushes the wrapped functions into the ESM named imports (`import { openSync } from "node:fs"`).
 * @module
 */
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { basename } from "node:path";

/** The fs functions the engine calls on a simulated run (see packages/attractor/src: `from "node:fs"`). */
const WRAPPED = [
  "openSync",
  "writeSync",
  "fsyncSync",
  "closeSync",
  "renameSync",
  "rmSync",
  "existsSync",
  "mkdirSync",
  "writeFileSync",
  "appendFileSync",
  "readFileSync",
];

/** A fake descriptor handed out for stubbed checkpoint writes. */
const FAKE_FD = -4242;

/**
 * What a path is, for the breakdown: `checkpoint` (checkpoint.json and its temp file),
 * `status` (status.json), `events` (events.ndjson), `stage_file` (prompt.md, response.md, ...),
 * `manifest`, `stage_dir` (directories), or `other`.
 */
export function categorize(op, path) {
  if (op === "mkdirSync") return "stage_dir";
  const name = basename(String(path));
  if (name === "checkpoint.json" || name.startsWith(".checkpoint.json.")) return "checkpoint";
  if (name === "status.json" || name.startsWith(".status.json.")) return "status";
  if (name === "events.ndjson") return "events";
  if (name === "manifest.json" || name.startsWith(".manifest.json.")) return "manifest";
  if (name.endsWith(".md")) return "stage_file";
  return "other";
}

/**
 * Installs the probe. With `stubCheckpointIo`, every file operation on checkpoint.json (open,
 * write, fsync, close, rename) does nothing, so a run measures everything but the checkpoint's
 * file I/O (serialization still happens).
 * @param options.stubCheckpointIo make checkpoint file operations no-ops (default false)
 * @param options.time time each call by category (default true)
 * @returns `{ report(), uninstall() }`; `report()` gives `{ [category]: { ms, calls, byOp: { [op]: { ms, calls } } } }`,
 *   with `checkpoint_serialize` and `event_serialize` for the JSON.stringify calls
 * @throws Error when a probe is already installed
 */
export function installFsProbe({ stubCheckpointIo = false, time = true } = {}) {
  if (installed) throw new Error("an fs probe is already installed");
  installed = true;
  const originals = Object.fromEntries(WRAPPED.map((op) => [op, fs[op]]));
  const fdCategory = new Map();
  const totals = {};
  const add = (category, op, ms) => {
    if (!totals[category]) totals[category] = { ms: 0, calls: 0, byOp: {} };
    const t = totals[category];
    t.ms += ms;
    t.calls++;
    if (!t.byOp[op]) t.byOp[op] = { ms: 0, calls: 0 };
    const o = t.byOp[op];
    o.ms += ms;
    o.calls++;
  };

  for (const op of WRAPPED) {
    const original = originals[op];
    fs[op] = function probed(target, ...rest) {
      const byFd = typeof target === "number";
      const category =
        target === FAKE_FD ? "checkpoint" : byFd ? (fdCategory.get(target) ?? "other") : categorize(op, target);
      if (
        stubCheckpointIo &&
        category === "checkpoint" &&
        op !== "readFileSync" &&
        op !== "existsSync" &&
        op !== "rmSync"
      ) {
        return op === "openSync" ? FAKE_FD : op === "writeSync" ? (rest[0]?.length ?? 0) : undefined;
      }
      const started = time ? performance.now() : 0;
      const result = original.call(this, target, ...rest);
      if (time) add(category, op, performance.now() - started);
      if (op === "openSync") fdCategory.set(result, category);
      else if (op === "closeSync") fdCategory.delete(target);
      return result;
    };
  }
  const stringify = JSON.stringify;
  if (time) {
    JSON.stringify = function probedStringify(value, ...rest) {
      const started = performance.now();
      const result = stringify.call(this, value, ...rest);
      const kind = serializeKind(value);
      if (kind) add(kind, "JSON.stringify", performance.now() - started);
      return result;
    };
  }
  syncBuiltinESMExports();

  return {
    report: () => structuredClone(totals),
    uninstall() {
      for (const op of WRAPPED) fs[op] = originals[op];
      JSON.stringify = stringify;
      syncBuiltinESMExports();
      installed = false;
    },
  };
}

let installed = false;

function serializeKind(value) {
  if (value === null || typeof value !== "object") return undefined;
  if ("completed_nodes" in value && "run_id" in value) return "checkpoint_serialize";
  if ("ts" in value && "type" in value) return "event_serialize";
  return undefined;
}
