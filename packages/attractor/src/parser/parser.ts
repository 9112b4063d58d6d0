/**
 * Recursive-descent parser for the Attractor DOT subset (attractor-spec §2.2-2.12): one digraph,
 * graph/node/edge default blocks, subgraphs with scoped defaults and derived classes, chained
 * edges, qualified keys. Every syntax error names what was expected and where.
 * @module
 */
import type { DotSyntaxError } from "../errors.js";
import { type AttrMap, Graph, type Node, type SourceLocation } from "../model/graph.js";
import { Lexer, type Token } from "./lexer.js";

/** Options for {@link parseDot}. */
export interface ParseOptions {
  /** File name used in diagnostics and kept on the graph. */
  file?: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NUMBER_OR_DURATION = /^-?(\d+|\d*\.\d+)(ms|s|m|h|d)?$/;
const BARE_VALUE = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

interface Attr {
  key: string;
  value: string;
  loc: SourceLocation;
}

interface Scope {
  nodeDefaults: Attr[];
  edgeDefaults: Attr[];
  /** Graph attributes set inside this scope (only `label` matters for subgraphs). */
  attrs: Map<string, string>;
  members: Set<string>;
  parent: Scope | undefined;
}

/**
 * Parses DOT source into a {@link Graph}.
 * @throws DotSyntaxError with `file:line:col`, what was expected and what was found.
 */
export function parseDot(source: string, options: ParseOptions = {}): Graph {
  return new Parser(source, options.file).parseGraph();
}

class Parser {
  private readonly lexer: Lexer;
  private readonly ahead: Token[] = [];
  private graph!: Graph;

  constructor(source: string, file: string | undefined) {
    this.lexer = new Lexer(source, file);
    this.file = file;
  }
  private readonly file: string | undefined;

  parseGraph(): Graph {
    let tok = this.next();
    if (tok.kind === "word" && tok.text.toLowerCase() === "strict") {
      throw this.err(tok, "'strict' graphs are not supported: remove the 'strict' keyword", "'digraph'");
    }
    if (tok.kind === "word" && tok.text.toLowerCase() === "graph") {
      throw this.err(tok, "undirected graphs are not supported: use 'digraph'", "'digraph'");
    }
    if (tok.kind !== "word" || tok.text.toLowerCase() !== "digraph") {
      throw this.unexpected(tok, "'digraph'");
    }
    let name = "";
    tok = this.peek();
    if (tok.kind === "word" || tok.kind === "string") {
      this.next();
      name = tok.text;
    }
    const open = this.expect("{", "'{' to open the graph body");
    this.graph = new Graph(name, this.file);
    this.graph.attrLocs.set("", loc(open));
    const root: Scope = {
      nodeDefaults: [],
      edgeDefaults: [],
      attrs: this.graph.attrs,
      members: new Set(),
      parent: undefined,
    };
    this.statements(root);
    this.expect("}", "'}' to close the graph body");
    const trailing = this.next();
    if (trailing.kind !== "eof") {
      if (trailing.kind === "word" && /^(di)?graph|strict$/i.test(trailing.text)) {
        throw this.err(trailing, "only one graph per file is supported", "end of file");
      }
      throw this.unexpected(trailing, "end of file");
    }
    return this.graph;
  }

  /** Statement* up to (not including) the closing '}'. */
  private statements(scope: Scope): void {
    for (;;) {
      const tok = this.peek();
      if (tok.kind === "}") return;
      if (tok.kind === "eof") throw this.unexpected(tok, "'}' (the graph body is not closed)");
      if (tok.kind === ";") {
        this.next();
        continue;
      }
      this.statement(scope);
    }
  }

  private statement(scope: Scope): void {
    const tok = this.next();
    if (tok.kind === "{") {
      this.subgraph(scope, undefined, tok);
      return;
    }
    if (tok.kind !== "word" && tok.kind !== "string") {
      throw this.unexpected(tok, "a statement (node, edge, attribute, 'graph', 'node', 'edge' or 'subgraph')");
    }
    const keyword = tok.kind === "word" ? tok.text.toLowerCase() : "";
    const after = this.peek();
    if (keyword === "subgraph") {
      let name: string | undefined;
      if (after.kind === "word" || after.kind === "string") {
        this.next();
        name = after.text;
      }
      const open = this.expect("{", "'{' to open the subgraph");
      this.subgraph(scope, name, open);
      return;
    }
    if ((keyword === "graph" || keyword === "node" || keyword === "edge") && after.kind === "[") {
      const attrs = this.attrBlock();
      if (keyword === "graph") for (const a of attrs) this.setGraphAttr(scope, a);
      else if (keyword === "node") scope.nodeDefaults.push(...attrs);
      else scope.edgeDefaults.push(...attrs);
      return;
    }
    if (after.kind === "=") {
      // GraphAttrDecl: key = value
      this.next();
      const key = this.key(tok);
      const value = this.value();
      this.setGraphAttr(scope, { key, value: value.text, loc: loc(value) });
      return;
    }
    if (after.kind === "->" || after.kind === "--") {
      this.edgeStatement(scope, tok);
      return;
    }
    if (after.kind === ":") {
      throw this.err(after, "node ports ('id:port') are not supported", "'[', '->' or a new statement");
    }
    // NodeStmt
    const id = this.nodeId(tok);
    const node = this.touchNode(scope, id, tok);
    if (this.peek().kind === "[") {
      for (const a of this.attrBlock()) setAttr(node.attrs, node.attrLocs, a);
    }
  }

  private subgraph(parent: Scope, _name: string | undefined, _open: Token): void {
    const scope: Scope = {
      nodeDefaults: [...parent.nodeDefaults],
      edgeDefaults: [...parent.edgeDefaults],
      attrs: new Map(),
      members: new Set(),
      parent,
    };
    this.statements(scope);
    this.expect("}", "'}' to close the subgraph");
    const label = scope.attrs.get("label");
    const cls = label ? deriveClass(label) : "";
    for (const id of scope.members) {
      parent.members.add(id);
      if (cls) {
        const node = this.graph.nodes.get(id);
        if (node && !node.derivedClasses.includes(cls)) node.derivedClasses.unshift(cls);
      }
    }
  }

  private edgeStatement(scope: Scope, first: Token): void {
    const ends: Token[] = [first];
    this.nodeId(first);
    for (;;) {
      const op = this.peek();
      if (op.kind === "--") throw this.err(op, "undirected edges ('--') are not supported: use '->'", "'->'");
      if (op.kind !== "->") break;
      this.next();
      const target = this.next();
      if (target.kind === "{") {
        throw this.err(target, "subgraphs as edge endpoints are not supported: write one edge per target", "a node id");
      }
      if (target.kind !== "word" && target.kind !== "string") throw this.unexpected(target, "a node id after '->'");
      this.nodeId(target);
      ends.push(target);
    }
    const explicit = this.peek().kind === "[" ? this.attrBlock() : [];
    const nodes = ends.map((t) => this.touchNode(scope, t.text, t));
    for (let i = 0; i + 1 < nodes.length; i++) {
      const attrs: AttrMap = new Map();
      const attrLocs = new Map<string, SourceLocation>();
      for (const a of scope.edgeDefaults) setAttr(attrs, attrLocs, a);
      for (const a of explicit) setAttr(attrs, attrLocs, a);
      this.graph.addEdge({ from: nodes[i].id, to: nodes[i + 1].id, attrs, attrLocs, loc: loc(ends[i + 1]) });
    }
  }

  /** Creates a node on first mention (applying the scope's node defaults) and records membership. */
  private touchNode(scope: Scope, id: string, tok: Token): Node {
    let node = this.graph.nodes.get(id);
    if (!node) {
      node = this.graph.addNode(id, loc(tok));
      for (const a of scope.nodeDefaults) setAttr(node.attrs, node.attrLocs, a);
    }
    scope.members.add(id);
    return node;
  }

  private setGraphAttr(scope: Scope, a: Attr): void {
    if (scope.parent === undefined) setAttr(this.graph.attrs, this.graph.attrLocs, a);
    else scope.attrs.set(a.key, a.value);
  }

  /** '[' Attr ( (',' | ';')? Attr )* ']' — repeated blocks (`[a=1][b=2]`) are merged. */
  private attrBlock(): Attr[] {
    const attrs: Attr[] = [];
    while (this.peek().kind === "[") {
      this.next();
      let previousString: Token | undefined;
      for (;;) {
        let tok = this.next();
        if (tok.kind === "]") break;
        let separated = false;
        if (tok.kind === "," || tok.kind === ";") {
          if (attrs.length === 0) throw this.unexpected(tok, "an attribute name or ']'");
          separated = true;
          tok = this.next();
          if (tok.kind === "]") break;
        }
        if (tok.kind !== "word" && tok.kind !== "string") {
          throw this.unexpected(
            tok,
            tok.kind === "eof" ? "']' to close the attribute list" : "an attribute name or ']'",
          );
        }
        const key = this.key(tok);
        const eq = this.next();
        if (eq.kind !== "=") {
          const error = this.unexpected(eq, `'=' after attribute name '${key}'`);
          if (previousString && !separated && previousString.line === tok.line) {
            // `a="x "y" z"`: the text after an unescaped quote reads as a new attribute name.
            return this.fail(error, ` (is there an unescaped '"' in the string before '${key}'? write it as \\")`);
          }
          throw error;
        }
        const value = this.value();
        previousString = value.kind === "string" ? value : undefined;
        attrs.push({ key, value: value.text, loc: loc(value) });
      }
    }
    return attrs;
  }

  private key(tok: Token): string {
    if (tok.kind === "string") {
      if (tok.text === "") throw this.err(tok, "attribute names cannot be empty", "an attribute name");
      return tok.text;
    }
    if (!KEY.test(tok.text)) {
      throw this.err(
        tok,
        `'${tok.text}' is not a valid attribute name`,
        "an identifier or qualified key (a.b.c)",
        `'${tok.text}'`,
      );
    }
    return tok.text;
  }

  /** Value ::= String ('+' String)* | Integer | Float | Boolean | Duration | BareValue */
  private value(): Token {
    const tok = this.next();
    if (tok.kind === "string") {
      let text = tok.text;
      while (this.peek().kind === "+") {
        this.next();
        const more = this.next();
        if (more.kind !== "string") throw this.unexpected(more, "a quoted string after '+'");
        text += more.text;
      }
      return { ...tok, text };
    }
    if (tok.kind === "word") {
      if (NUMBER_OR_DURATION.test(tok.text) || BARE_VALUE.test(tok.text)) return tok;
      throw this.err(
        tok,
        `malformed value '${tok.text}': quote it`,
        "a string, number, boolean, duration or bare value",
        `'${tok.text}'`,
      );
    }
    throw this.unexpected(tok, "a value");
  }

  private nodeId(tok: Token): string {
    if (tok.kind === "word" && /^[A-Za-z_][A-Za-z0-9_]*:/.test(tok.text)) {
      throw this.err(
        tok,
        "node ports ('id:port') are not supported: use the plain node id",
        "a node id",
        `'${tok.text}'`,
      );
    }
    if (!IDENTIFIER.test(tok.text)) {
      const shown = tok.kind === "string" ? `"${tok.text}"` : `'${tok.text}'`;
      throw this.err(
        tok,
        `node id ${shown} is not an identifier ([A-Za-z_][A-Za-z0-9_]*): use a bare id and put the text in 'label'`,
        "a node id",
        shown,
      );
    }
    return tok.text;
  }

  private fail(error: DotSyntaxError, hint: string): never {
    throw this.lexer.error(error.location, error.detail + hint, error.expected, error.found);
  }

  private expect(kind: Token["kind"], what: string): Token {
    const tok = this.next();
    if (tok.kind !== kind) throw this.unexpected(tok, what);
    return tok;
  }

  private next(): Token {
    return this.ahead.length > 0 ? (this.ahead.shift() as Token) : this.lexer.next();
  }

  private peek(): Token {
    if (this.ahead.length === 0) this.ahead.push(this.lexer.next());
    return this.ahead[0];
  }

  private unexpected(tok: Token, expected: string): DotSyntaxError {
    return this.err(tok, `expected ${expected}, found ${describe(tok)}`, expected, describe(tok));
  }

  private err(tok: Token, detail: string, expected?: string, found?: string): DotSyntaxError {
    return this.lexer.error(loc(tok), detail, expected, found ?? describe(tok));
  }
}

function loc(tok: Token): SourceLocation {
  return { line: tok.line, column: tok.column };
}

function setAttr(attrs: AttrMap, locs: Map<string, SourceLocation>, a: Attr): void {
  attrs.set(a.key, a.value);
  locs.set(a.key, a.loc);
}

function describe(tok: Token): string {
  switch (tok.kind) {
    case "eof":
      return "end of file";
    case "word":
      return `'${tok.text}'`;
    case "string":
      return `string "${tok.text.length > 30 ? `${tok.text.slice(0, 27)}...` : tok.text}"`;
    default:
      return `'${tok.kind}'`;
  }
}

/**
 * attractor-spec §2.10: a subgraph label becomes a class by lowercasing, replacing spaces with
 * hyphens and dropping everything but [a-z0-9-]. `"Loop A"` gives `loop-a`.
 */
export function deriveClass(label: string): string {
  return label
    .toLowerCase()
    .replace(/\s+/g, "-")
    .replace(/[^a-z0-9-]/g, "");
}
