/**
 * Typed readers over raw DOT attributes, and the shape-to-handler mapping (attractor-spec §2.5-2.8).
 * Readers are lenient (a malformed value reads as the default); the `attribute_types` lint rule
 * reports malformed values before a run starts.
 * @module
 */
import { parseDuration } from "./duration.js";
import type { AttrMap, Graph, Node } from "./graph.js";

/** attractor-spec §2.8: the handler type each Graphviz shape selects. */
export const SHAPE_TO_TYPE: Readonly<Record<string, string>> = Object.freeze({
  Mdiamond: "start",
  Msquare: "exit",
  box: "codergen",
  hexagon: "wait.human",
  diamond: "conditional",
  component: "parallel",
  tripleoctagon: "parallel.fan_in",
  parallelogram: "tool",
  house: "stack.manager_loop",
});

/** Reads a boolean (`true`/`false`, any case). */
export function readBool(attrs: AttrMap, key: string, fallback = false): boolean {
  const raw = attrs.get(key);
  if (raw === undefined) return fallback;
  const v = raw.trim().toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  return fallback;
}

/** Reads an integer; `undefined` when absent or malformed. */
export function readInt(attrs: AttrMap, key: string): number | undefined {
  const raw = attrs.get(key);
  if (raw === undefined || !/^\s*-?\d+\s*$/.test(raw)) return undefined;
  return Number.parseInt(raw, 10);
}

/** Reads a duration in milliseconds; `undefined` when absent or malformed. */
export function readDurationMs(attrs: AttrMap, key: string): number | undefined {
  const raw = attrs.get(key);
  return raw === undefined ? undefined : parseDuration(raw);
}

/** The node's shape, `box` when unset (attractor-spec §2.6). */
export function shapeOf(node: Node): string {
  return node.attrs.get("shape") || "box";
}

/** The node's label, its id when unset. */
export function labelOf(node: Node): string {
  return node.attrs.get("label") || node.id;
}

/**
 * The handler type a node asks for: explicit `type`, else the shape mapping, else `codergen`
 * (attractor-spec §4.2). The registry may still fall back to its default handler.
 */
export function handlerTypeOf(node: Node): string {
  const explicit = node.attrs.get("type");
  if (explicit) return explicit;
  return SHAPE_TO_TYPE[shapeOf(node)] ?? "codergen";
}

/** True for the pipeline entry point: type/shape `start`, or id `start`/`Start` (attractor-spec §4.3). */
export function isStartNode(node: Node): boolean {
  return handlerTypeOf(node) === "start" || node.id === "start" || node.id === "Start";
}

/** True for the pipeline exit: type/shape `exit`, or id `exit`/`end` (attractor-spec §4.4). */
export function isExitNode(node: Node): boolean {
  return handlerTypeOf(node) === "exit" || node.id === "exit" || node.id === "end";
}

/** All start nodes in declaration order. */
export function findStartNodes(graph: Graph): Node[] {
  return [...graph.nodes.values()].filter(isStartNode);
}

/** All exit nodes in declaration order. */
export function findExitNodes(graph: Graph): Node[] {
  return [...graph.nodes.values()].filter(isExitNode);
}

/** Class names on a node: its `class` list (comma- or space-separated) plus subgraph-derived ones. */
export function classesOf(node: Node): string[] {
  const explicit = (node.attrs.get("class") ?? "")
    .split(/[,\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  return [...new Set([...explicit, ...node.derivedClasses])];
}

/** The `max_retries` for a node: its own, else graph `default_max_retries` (or legacy `default_max_retry`), else 0. */
export function maxRetriesOf(node: Node, graph: Graph): number {
  const own = readInt(node.attrs, "max_retries");
  if (own !== undefined) return Math.max(0, own);
  const graphDefault = readInt(graph.attrs, "default_max_retries") ?? readInt(graph.attrs, "default_max_retry");
  return Math.max(0, graphDefault ?? 0);
}
