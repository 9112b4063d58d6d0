/**
 * The in-memory pipeline graph (attractor-spec §2): nodes, edges and their attributes, each
 * remembering where in the DOT source it was written.
 * @module
 */

/** A 1-based position in a source text. */
export interface SourceLocation {
  line: number;
  column: number;
}

/** Attributes as written in DOT, values unescaped. Typed readers live in `attributes.ts`. */
export type AttrMap = Map<string, string>;

/** A pipeline node (attractor-spec §2.6). */
export interface Node {
  readonly id: string;
  /** Attributes after defaults and explicit statements are merged (explicit wins). */
  attrs: AttrMap;
  /** Where each attribute's value was written (a default block's position for inherited ones). */
  attrLocs: Map<string, SourceLocation>;
  /** Where the node was first mentioned. */
  loc: SourceLocation;
  /** Classes derived from enclosing subgraph labels, outermost first (attractor-spec §2.10). */
  derivedClasses: string[];
}

/** A directed edge (attractor-spec §2.7). */
export interface Edge {
  readonly from: string;
  readonly to: string;
  attrs: AttrMap;
  attrLocs: Map<string, SourceLocation>;
  /** Where the edge's target was written in its statement. */
  loc: SourceLocation;
}

/**
 * A parsed pipeline. Nodes keep declaration order; edges keep statement order, which the
 * engine relies on for "first matching edge" rules (attractor-spec §3.3).
 */
export class Graph {
  name: string;
  attrs: AttrMap = new Map();
  attrLocs: Map<string, SourceLocation> = new Map();
  readonly nodes: Map<string, Node> = new Map();
  readonly edges: Edge[] = [];
  /** The file the graph was read from, when known (used in diagnostics). */
  file: string | undefined;
  private outIndex: Map<string, Edge[]> | undefined;
  private inIndex: Map<string, Edge[]> | undefined;

  constructor(name: string, file?: string) {
    this.name = name;
    this.file = file;
  }

  /** Adds a node, or returns the existing node with that id. */
  addNode(id: string, loc: SourceLocation = { line: 0, column: 0 }): Node {
    let node = this.nodes.get(id);
    if (!node) {
      node = { id, attrs: new Map(), attrLocs: new Map(), loc, derivedClasses: [] };
      this.nodes.set(id, node);
    }
    return node;
  }

  /** Appends an edge. Endpoints need not exist (the `edge_target_exists` rule reports that). */
  addEdge(edge: Edge): Edge {
    this.edges.push(edge);
    this.outIndex = undefined;
    this.inIndex = undefined;
    return edge;
  }

  /** Removes every edge for which `keep` returns false. */
  filterEdges(keep: (edge: Edge) => boolean): void {
    const kept = this.edges.filter(keep);
    this.edges.length = 0;
    this.edges.push(...kept);
    this.outIndex = undefined;
    this.inIndex = undefined;
  }

  /** Outgoing edges of `id` in statement order. O(1) after the first call. */
  outgoing(id: string): readonly Edge[] {
    if (!this.outIndex) this.outIndex = index(this.edges, (e) => e.from);
    return this.outIndex.get(id) ?? EMPTY;
  }

  /** Incoming edges of `id` in statement order. O(1) after the first call. */
  incoming(id: string): readonly Edge[] {
    if (!this.inIndex) this.inIndex = index(this.edges, (e) => e.to);
    return this.inIndex.get(id) ?? EMPTY;
  }

  /** A graph attribute's value, or `fallback`. */
  attr(key: string, fallback = ""): string {
    return this.attrs.get(key) ?? fallback;
  }

  /** The pipeline goal (`goal` graph attribute, attractor-spec §2.5). */
  get goal(): string {
    return this.attrs.get("goal") ?? "";
  }

  /** A deep copy: transforms work on a clone so the input graph is left alone (attractor-spec §9.1). */
  clone(): Graph {
    const copy = new Graph(this.name, this.file);
    copy.attrs = new Map(this.attrs);
    copy.attrLocs = new Map(this.attrLocs);
    for (const node of this.nodes.values()) {
      copy.nodes.set(node.id, {
        id: node.id,
        attrs: new Map(node.attrs),
        attrLocs: new Map(node.attrLocs),
        loc: node.loc,
        derivedClasses: [...node.derivedClasses],
      });
    }
    for (const edge of this.edges) {
      copy.edges.push({ ...edge, attrs: new Map(edge.attrs), attrLocs: new Map(edge.attrLocs) });
    }
    return copy;
  }
}

const EMPTY: readonly Edge[] = Object.freeze([]);

function index(edges: readonly Edge[], key: (e: Edge) => string): Map<string, Edge[]> {
  const map = new Map<string, Edge[]>();
  for (const edge of edges) {
    const k = key(edge);
    const list = map.get(k);
    if (list) list.push(edge);
    else map.set(k, [edge]);
  }
  return map;
}
