/**
 * Context fidelity and thread resolution (attractor-spec §5.4).
 * @module
 */
import type { FidelityMode } from "../handlers/types.js";
import type { Edge, Graph, Node } from "../model/graph.js";
import type { Context } from "./context.js";
import { expandTemplate } from "./template.js";

/** The six modes of §5.4. */
export const FIDELITY_MODES: readonly FidelityMode[] = Object.freeze([
  "full",
  "truncate",
  "compact",
  "summary:low",
  "summary:medium",
  "summary:high",
]);

/** Runtime fallback when nothing sets a mode (§5.4). */
export const DEFAULT_FIDELITY: FidelityMode = "compact";

/** Reads a mode case-insensitively (`Compact` is `compact`); undefined when not a mode. */
export function parseFidelity(value: string | undefined): FidelityMode | undefined {
  if (!value) return undefined;
  const lower = value.trim().toLowerCase();
  return (FIDELITY_MODES as readonly string[]).includes(lower) ? (lower as FidelityMode) : undefined;
}

/**
 * §5.4 precedence: incoming edge `fidelity` > node `fidelity` > graph `default_fidelity` > `compact`.
 * Invalid values are skipped (the `fidelity_valid` lint rule reports them).
 */
export function resolveFidelity(node: Node, incoming: Edge | undefined, graph: Graph): FidelityMode {
  return (
    parseFidelity(incoming?.attrs.get("fidelity")) ??
    parseFidelity(node.attrs.get("fidelity")) ??
    parseFidelity(graph.attrs.get("default_fidelity")) ??
    DEFAULT_FIDELITY
  );
}

/**
 * §5.4 thread key for `full` fidelity: node `thread_id` > incoming edge `thread_id` > graph
 * `default_thread_id` > innermost subgraph-derived class > previous node id. `${...}`
 * references are expanded from the context.
 */
export function resolveThreadId(
  node: Node,
  incoming: Edge | undefined,
  graph: Graph,
  previousNodeId: string | undefined,
  context: Context,
): string {
  const raw =
    node.attrs.get("thread_id") ||
    incoming?.attrs.get("thread_id") ||
    graph.attrs.get("default_thread_id") ||
    node.derivedClasses[node.derivedClasses.length - 1] ||
    previousNodeId ||
    node.id;
  return expandTemplate(raw, graph, context);
}
