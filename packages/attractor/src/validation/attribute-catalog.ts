/**
 * Every attribute name the engine or Graphviz understands, by scope (attractor-spec Appendix A,
 * the handler keys of §4, and Graphviz presentation attributes). Used by `attribute_known`.
 * @module
 */

/** Attribute scopes. */
export type AttributeScope = "graph" | "node" | "edge";

/** Model properties settable per node and as graph-level defaults (attractor-spec §8.5). */
const MODEL = ["llm_model", "llm_provider", "reasoning_effort"];

/** Retry tuning read by the engine's retry policy (engine/retry-policy.ts), on nodes or the graph. */
const RETRY_TUNING = [
  "retry_policy",
  "retry_backoff",
  "retry_delay",
  "retry_max_delay",
  "retry_backoff_factor",
  "retry_jitter",
];

/** Graph attributes: Appendix A, the graph-level defaults of §5.4 and §8.5, and the runner's limits. */
const GRAPH = [
  "goal",
  "label",
  "model_stylesheet",
  "default_max_retries",
  "retry_target",
  "fallback_retry_target",
  "default_fidelity",
  "default_thread_id",
  "stack.child_dotfile",
  "stack.child_workdir",
  "tool_hooks.pre",
  "tool_hooks.post",
  ...MODEL,
  ...RETRY_TUNING,
  // Read by engine/runner.ts: loop guards and the context keys kept across loop restarts.
  "max_node_visits",
  "max_loop_restarts",
  "loop_restart_persist_keys",
];

/** Node attributes: Appendix A plus handler keys (§4.8-4.11, §6.5, §9.7). */
const NODE = [
  "label",
  "shape",
  "type",
  "prompt",
  "max_retries",
  "goal_gate",
  "retry_target",
  "fallback_retry_target",
  "fidelity",
  "thread_id",
  "class",
  "timeout",
  ...MODEL,
  "auto_status",
  "allow_partial",
  "tool_command",
  "join_policy",
  "max_parallel",
  "error_policy",
  "human.default_choice",
  "human.timeout",
  // Working directory of a tool command (handlers/tool.ts).
  "cwd",
  "manager.poll_interval",
  "manager.max_cycles",
  "manager.stop_condition",
  "manager.actions",
  "stack.child_dotfile",
  "stack.child_workdir",
  "stack.child_autostart",
  "tool_hooks.pre",
  "tool_hooks.post",
  ...RETRY_TUNING,
];

/** Edge attributes: Appendix A. */
const EDGE = ["label", "condition", "weight", "fidelity", "thread_id", "loop_restart"];

/** Prefixes of handler key families: any `manager.*`, `stack.*` or `tool_hooks.*` key is known on nodes (`stack.*` and `tool_hooks.*` on the graph). */
const NODE_PREFIXES = ["manager.", "stack.", "tool_hooks."];
const GRAPH_PREFIXES = ["stack.", "tool_hooks."];

/**
 * Graphviz attributes that only change how the graph is drawn. They are accepted in every scope
 * (Graphviz itself restricts some to one scope, but none changes what a pipeline does). The
 * neato-only `model` and `mode` are left out on purpose: on a pipeline node `model` is far more
 * likely a misspelt `llm_model`.
 */
export const GRAPHVIZ_ATTRIBUTES: ReadonlySet<string> = new Set([
  // Shared by graphs, nodes and edges.
  "color",
  "colorscheme",
  "comment",
  "fillcolor",
  "fontcolor",
  "fontname",
  "fontsize",
  "gradientangle",
  "href",
  "id",
  "labelloc",
  "labeljust",
  "layer",
  "margin",
  "nojustify",
  "penwidth",
  "peripheries",
  "pencolor",
  "style",
  "target",
  "tooltip",
  "URL",
  "xlabel",
  "bgcolor",
  // Nodes.
  "distortion",
  "fixedsize",
  "group",
  "height",
  "image",
  "imagepos",
  "imagescale",
  "orientation",
  "regular",
  "sides",
  "skew",
  "sortv",
  "width",
  "pos",
  "rects",
  "vertices",
  "z",
  "area",
  "showboxes",
  "root",
  "ordering",
  "rank",
  // Edges.
  "arrowhead",
  "arrowsize",
  "arrowtail",
  "constraint",
  "decorate",
  "dir",
  "edgetooltip",
  "edgeURL",
  "edgehref",
  "headclip",
  "headhref",
  "headlabel",
  "headport",
  "headtooltip",
  "headURL",
  "labelangle",
  "labeldistance",
  "labelfloat",
  "labelfontcolor",
  "labelfontname",
  "labelfontsize",
  "labelhref",
  "labeltooltip",
  "labelURL",
  "lhead",
  "ltail",
  "minlen",
  "samehead",
  "sametail",
  "tailclip",
  "tailhref",
  "taillabel",
  "tailport",
  "tailtooltip",
  "tailURL",
  "arrowType",
  // Graphs and clusters.
  "center",
  "charset",
  "clusterrank",
  "compound",
  "concentrate",
  "dpi",
  "esep",
  "forcelabels",
  "fontnames",
  "fontpath",
  "imagepath",
  "K",
  "landscape",
  "layerlistsep",
  "layers",
  "layerselect",
  "layersep",
  "layout",
  "mclimit",
  "newrank",
  "nodesep",
  "nslimit",
  "nslimit1",
  "outputorder",
  "overlap",
  "pack",
  "packmode",
  "pad",
  "page",
  "pagedir",
  "quantum",
  "rankdir",
  "ranksep",
  "ratio",
  "remincross",
  "resolution",
  "rotate",
  "searchsize",
  "sep",
  "size",
  "splines",
  "stylesheet",
  "truecolor",
  "viewport",
]);

const KNOWN: Readonly<Record<AttributeScope, ReadonlySet<string>>> = {
  graph: new Set(GRAPH),
  node: new Set(NODE),
  edge: new Set(EDGE),
};

/** The engine attribute names of `scope` (Graphviz presentation attributes excluded). */
export function engineAttributes(scope: AttributeScope): ReadonlySet<string> {
  return KNOWN[scope];
}

/**
 * True when `name` means something in `scope`: an engine attribute, a member of a handler key
 * family (`manager.*`, `stack.*`, `tool_hooks.*`), or a Graphviz presentation attribute.
 */
export function isKnownAttribute(scope: AttributeScope, name: string): boolean {
  if (KNOWN[scope].has(name) || GRAPHVIZ_ATTRIBUTES.has(name)) return true;
  const prefixes = scope === "node" ? NODE_PREFIXES : scope === "graph" ? GRAPH_PREFIXES : [];
  return prefixes.some((prefix) => name.startsWith(prefix) && name.length > prefix.length);
}
