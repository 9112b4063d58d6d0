/**
 * Renders a pipeline as SVG with Graphviz (WASM): nodes styled by handler type and, given a run's
 * statuses, coloured by outcome. Graphviz only ever sees `toDot` output, never the pipeline source.
 * @module
 */
import {
  type Edge,
  type Graph,
  handlerTypeOf,
  isExitNode,
  isStartNode,
  labelOf,
  type Node,
  toDot,
} from "@darkfactory/attractor";
import { Graphviz } from "@hpcc-js/wasm-graphviz";
import type { NodeRunStatus } from "../run-status.js";

/** What the renderer needs of a run: each visited node's status and the current node. */
export interface RenderRunStatus {
  currentNode: string | undefined;
  nodes: ReadonlyMap<string, NodeRunStatus>;
}

/** Fill colour per run status (hex, as Graphviz writes it into the SVG). */
export const STATUS_FILL: Readonly<Record<NodeRunStatus["status"], string>> = Object.freeze({
  success: "#86efac",
  partial_success: "#d9f99d",
  retry: "#fdba74",
  fail: "#fca5a5",
  skipped: "#d1d5db",
  completed: "#ddd6fe",
});

/** Outline of the checkpoint's current node. */
export const CURRENT_NODE_COLOR = "#1d4ed8";

/** Fill of a node the run never visited, and of every node when there is no run. */
export const DEFAULT_FILL = "#ffffff";

interface TypeStyle {
  shape: string;
  fill?: string;
  color?: string;
  style?: string;
}

/** Per handler type: the spec's shape (attractor-spec §2.8) plus a few visual cues. */
const TYPE_STYLE: Readonly<Record<string, TypeStyle>> = {
  start: { shape: "Mdiamond", fill: "#e2e8f0" },
  exit: { shape: "Msquare", fill: "#e2e8f0" },
  codergen: { shape: "box", style: "rounded" },
  "wait.human": { shape: "hexagon", color: "#b45309" },
  conditional: { shape: "diamond" },
  parallel: { shape: "component", color: "#0e7490" },
  "parallel.fan_in": { shape: "tripleoctagon", color: "#0e7490" },
  tool: { shape: "parallelogram", color: "#0f766e" },
  "stack.manager_loop": { shape: "house", color: "#7c3aed" },
};

/** Unregistered (custom) handler types: a dashed box. */
const CUSTOM_STYLE: TypeStyle = { shape: "box", style: "dashed" };

const FONT = "Helvetica,Arial,sans-serif";
const INK = "#334155";

/**
 * The DOT text Graphviz lays out: `toDot(graph)` with rendering attributes layered on top.
 * The node's own `shape` is kept (else its handler type's spec shape); colours and outlines the
 * node sets itself are kept unless `run` overrides them. With `run`, visited nodes get
 * {@link STATUS_FILL} and a status line in their tooltip, the current node a bold
 * {@link CURRENT_NODE_COLOR} outline; other nodes are drawn as without a run. In the SVG each
 * node group has id `node_<id>` and classes `df_type_<type>` (dots become `_`),
 * `df_status_<status>` and `df_current`, for styling and tests. Subgraph clusters are drawn
 * as rounded grey frames.
 * Control characters Graphviz cannot read (NUL and friends) are dropped from every value. Pure.
 */
export function renderDot(graph: Graph, run?: RenderRunStatus): string {
  const display = sanitized(graph);
  const title = graph.attrs.get("label") || graph.name;
  const graphAttrs: Record<string, string> = {
    fontname: FONT,
    fontsize: "14",
    fontcolor: INK,
    bgcolor: "white",
    pad: "0.3",
    nodesep: "0.4",
    ranksep: "0.45",
    labelloc: "t",
    // Inherited by the subgraph clusters (the root graph draws no frame).
    style: "rounded",
    pencolor: "#94a3b8",
    label: title,
    tooltip: graph.goal || title,
  };
  return toDot(display, {
    graphAttrs,
    nodeAttrs: (node) => nodeStyle(node, run),
    edgeAttrs: (edge) => edgeStyle(edge),
  });
}

/**
 * Lays out {@link renderDot}'s output with Graphviz's `dot` engine and returns the SVG document.
 * The WASM module is loaded once per process.
 * @throws Error "Graphviz could not render the pipeline: ..." when Graphviz rejects the DOT or
 *   aborts (e.g. on absurd attribute values such as `peripheries=99999999`).
 */
export async function renderSvg(graph: Graph, run?: RenderRunStatus): Promise<string> {
  const dot = renderDot(graph, run);
  const graphviz = await loadGraphviz();
  try {
    return graphviz.dot(dot, "svg");
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`Graphviz could not render the pipeline: ${reason.trim()}`, { cause });
  }
}

let graphvizPromise: Promise<Graphviz> | undefined;

function loadGraphviz(): Promise<Graphviz> {
  graphvizPromise ??= Graphviz.load().catch((error: unknown) => {
    graphvizPromise = undefined;
    throw error;
  });
  return graphvizPromise;
}

function nodeStyle(node: Node, run: RenderRunStatus | undefined): Record<string, string> {
  const type = isStartNode(node) ? "start" : isExitNode(node) ? "exit" : handlerTypeOf(node);
  const typeStyle = TYPE_STYLE[type] ?? CUSTOM_STYLE;
  const own = node.attrs;
  const shape = own.get("shape") || typeStyle.shape;
  const status = run?.nodes.get(node.id);
  const current = run?.currentNode === node.id;

  const style = new Set(
    (own.get("style") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "" && !(status && s === "invis")),
  );
  if (typeStyle.style && !(typeStyle.style === "rounded" && shape !== "box")) style.add(typeStyle.style);
  style.add("filled");
  if (current) style.add("bold");

  const classes = [`df_type_${type.replace(/[^A-Za-z0-9_]/g, "_")}`];
  let tooltip = `${labelOf(node)} [${type}]`;
  if (status) {
    classes.push(`df_status_${status.status}`);
    tooltip += `\nstatus: ${statusText(status)}`;
  }
  if (current) {
    classes.push("df_current");
    tooltip += "\n(current node)";
  }
  return {
    shape,
    style: [...style].join(","),
    fillcolor: status ? STATUS_FILL[status.status] : own.get("fillcolor") || typeStyle.fill || DEFAULT_FILL,
    color: current ? CURRENT_NODE_COLOR : own.get("color") || typeStyle.color || INK,
    penwidth: current ? "3" : own.get("penwidth") || "1.2",
    fontname: own.get("fontname") || FONT,
    fontsize: own.get("fontsize") || "11",
    fontcolor: status ? "#0f172a" : own.get("fontcolor") || "#0f172a",
    margin: own.get("margin") || "0.15,0.06",
    id: `node_${node.id}`,
    class: classes.join(" "),
    tooltip,
  };
}

function edgeStyle(edge: Edge): Record<string, string> {
  const condition = edge.attrs.get("condition");
  const style = edge.attrs.get("loop_restart")?.trim().toLowerCase() === "true" ? "dashed" : edge.attrs.get("style");
  let tooltip = `${edge.from} -> ${edge.to}`;
  if (condition) tooltip += `\nwhen ${condition}`;
  return {
    fontname: FONT,
    fontsize: "10",
    fontcolor: INK,
    color: edge.attrs.get("color") || "#64748b",
    arrowsize: "0.8",
    tooltip,
    ...(style ? { style } : {}),
  };
}

function statusText(status: NodeRunStatus): string {
  const word = status.status === "completed" ? "completed (no outcome recorded)" : status.status;
  const custom = status.customOutcome ? `${status.customOutcome} (treated as ${word})` : word;
  return status.failureReason ? `${custom}: ${status.failureReason}` : custom;
}

// C0 controls other than tab, newline and carriage return; Graphviz stops reading at NUL.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

function sanitized(graph: Graph): Graph {
  const copy = graph.clone();
  const clean = (attrs: Map<string, string>): void => {
    for (const [key, value] of [...attrs]) {
      const k = key.replace(CONTROL, "");
      attrs.delete(key);
      if (k !== "") attrs.set(k, value.replace(CONTROL, ""));
    }
  };
  copy.name = copy.name.replace(CONTROL, "");
  clean(copy.attrs);
  for (const node of copy.nodes.values()) clean(node.attrs);
  for (const edge of copy.edges) clean(edge.attrs);
  return copy;
}
