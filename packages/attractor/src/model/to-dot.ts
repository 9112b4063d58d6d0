/**
 * Canonical DOT output of a {@link Graph}: text that Graphviz accepts and that `parseDot` reads
 * back to an equal graph (same name, attributes, nodes, derived classes and edges, in order).
 * @module
 */
import type { Edge, Graph, Node } from "./graph.js";

/** Extra attributes for rendering. Each callback's entries override or extend the element's own. */
export interface ToDotOptions {
  /** Graph attributes added after (and overriding) the graph's own. */
  graphAttrs?: Record<string, string>;
  /** Attributes merged over a node's own; return `undefined` to leave the node as it is. */
  nodeAttrs?: (node: Node) => Record<string, string> | undefined;
  /** Attributes merged over an edge's own; `index` is the edge's position in `graph.edges`. */
  edgeAttrs?: (edge: Edge, index: number) => Record<string, string> | undefined;
}

const INDENT = "  ";

/**
 * Writes `graph` as canonical DOT: `digraph "name" {`, then one statement per line: graph
 * attributes (`"key"="value";`), nodes in declaration order (`"id" ["k"="v", ...];`), then edges
 * in order (`"from" -> "to" [...];`). Every id, key and value is quoted with {@link quoteDot}, so
 * keys like `stack.child_dotfile`, values like `gpt-5.4` and ids that are DOT keywords (`node`,
 * `graph`) are safe for Graphviz. Node defaults are already merged into each node, so no default
 * blocks are written. A node with derived classes (attractor-spec §2.10) is written inside nested
 * `subgraph "cluster_<a>/<b>" { "label"="<b>"; ... }` blocks, one per class, outermost first, so
 * `parseDot` derives the same classes and Graphviz draws them as clusters. Runs of consecutive
 * nodes that share classes share blocks.
 *
 * Round trip: for graphs produced by `parseDot` (non-empty attribute keys, identifier node ids,
 * derived classes made of `[a-z0-9-]`), `parseDot(toDot(g))` equals `g` apart from source
 * locations. Rendering overrides in `options` are not part of that promise.
 *
 * Never throws. Values are written verbatim apart from escaping: a NUL character is kept, and
 * Graphviz rejects it (renderers should strip control characters first).
 */
export function toDot(graph: Graph, options: ToDotOptions = {}): string {
  const lines: string[] = [];
  lines.push(graph.name === "" ? "digraph {" : `digraph ${quoteDot(graph.name)} {`);
  for (const [key, value] of merge(graph.attrs, options.graphAttrs)) {
    lines.push(`${INDENT}${quoteDot(key)}=${quoteDot(value)};`);
  }

  const open: string[] = [];
  for (const node of graph.nodes.values()) {
    const classes = node.derivedClasses.filter((c) => c !== "");
    let shared = 0;
    while (shared < open.length && shared < classes.length && open[shared] === classes[shared]) shared++;
    while (open.length > shared) {
      open.pop();
      lines.push(`${INDENT.repeat(open.length + 1)}}`);
    }
    while (open.length < classes.length) {
      const cls = classes[open.length];
      open.push(cls);
      const name = `cluster_${open.join("/")}`;
      lines.push(`${INDENT.repeat(open.length)}subgraph ${quoteDot(name)} { ${quoteDot("label")}=${quoteDot(cls)};`);
    }
    const attrs = merge(node.attrs, options.nodeAttrs?.(node));
    lines.push(`${INDENT.repeat(open.length + 1)}${quoteDot(node.id)}${attrList(attrs)};`);
  }
  while (open.length > 0) {
    open.pop();
    lines.push(`${INDENT.repeat(open.length + 1)}}`);
  }

  graph.edges.forEach((edge, index) => {
    const attrs = merge(edge.attrs, options.edgeAttrs?.(edge, index));
    lines.push(`${INDENT}${quoteDot(edge.from)} -> ${quoteDot(edge.to)}${attrList(attrs)};`);
  });
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/**
 * Quotes `text` as a DOT string: `"` and `\` are backslash-escaped and a newline becomes `\n`.
 * Every other character (tabs, carriage returns, any Unicode) is kept as it is, which both
 * `parseDot` and Graphviz read back unchanged.
 */
export function quoteDot(text: string): string {
  return `"${text.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`))}"`;
}

function merge(own: ReadonlyMap<string, string>, extra: Record<string, string> | undefined): Map<string, string> {
  if (!extra) return new Map(own);
  const out = new Map(own);
  for (const [key, value] of Object.entries(extra)) {
    if (typeof value === "string") out.set(key, value);
  }
  return out;
}

function attrList(attrs: ReadonlyMap<string, string>): string {
  if (attrs.size === 0) return "";
  const parts: string[] = [];
  for (const [key, value] of attrs) parts.push(`${quoteDot(key)}=${quoteDot(value)}`);
  return ` [${parts.join(", ")}]`;
}
