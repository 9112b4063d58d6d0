/**
 * The engine under test and its peers, loaded once: the built `@darkfactory/attractor`
 * (packages/attractor/dist) and ts-graphviz, with their versions read from their package.json.
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as attractor from "@darkfactory/attractor";
import { fromDot } from "ts-graphviz";
import { parse as parseAst } from "ts-graphviz/ast";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/**
 * `preparePipeline` from the package index when it is exported there, else from
 * dist/prepare.js (the package's `exports` map does not expose that subpath).
 */
async function loadPreparePipeline() {
  if (typeof attractor.preparePipeline === "function") return attractor.preparePipeline;
  const mod = await import(new URL("../../packages/attractor/dist/prepare.js", import.meta.url).href);
  return mod.preparePipeline;
}

/** The engine functions the suites call. */
export const engine = {
  parseDot: attractor.parseDot,
  preparePipeline: await loadPreparePipeline(),
  runPipeline: attractor.runPipeline,
  saveCheckpoint: attractor.saveCheckpoint,
  loadCheckpoint: attractor.loadCheckpoint,
  checkpointToJson: attractor.checkpointToJson,
};

/** ts-graphviz parse options: its default caps (100,000 AST nodes, 10 MB) are lifted for the large pipeline. */
const PEER_LIMITS = { maxASTNodes: 0, maxInputSize: 0 };

/** The parse peer: ts-graphviz, as an AST parse and as a full DOT-to-model conversion. */
export const peer = {
  parseAst: (source) => parseAst(source, PEER_LIMITS),
  fromDot: (source) => fromDot(source, { parse: PEER_LIMITS }),
};

function versionOf(spec, from = require) {
  try {
    return JSON.parse(readFileSync(from.resolve(`${spec}/package.json`), "utf8")).version;
  } catch {
    return "unknown";
  }
}

/** Versions of the packages measured, read from their package.json. */
export const versions = {
  "@darkfactory/attractor": JSON.parse(readFileSync(join(here, "../../packages/attractor/package.json"), "utf8"))
    .version,
  "ts-graphviz": versionOf("ts-graphviz"),
  // The parser itself lives in @ts-graphviz/ast, a dependency of ts-graphviz.
  "@ts-graphviz/ast": versionOf("@ts-graphviz/ast", createRequire(require.resolve("ts-graphviz/package.json"))),
};

/**
 * A fresh run directory under `root` (default: the OS temp dir).
 * @returns `{ path, remove() }`
 */
export function tempRunDir(root = tmpdir()) {
  const path = mkdtempSync(join(root, "darkfactory-bench-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
