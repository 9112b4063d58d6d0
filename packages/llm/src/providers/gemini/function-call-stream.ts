/**
 * Assembles a Gemini function call whose arguments stream in pieces (Vertex
 * `streamFunctionCallArguments`): `{ name, willContinue: true }` opens the call, then
 * `{ partialArgs: [{ jsonPath, stringValue | numberValue | boolValue | nullValue, willContinue }] }`
 * pieces set values by RFC 9535 path (string pieces of one path are concatenated while
 * `willContinue` is set), and a piece without `willContinue` (often `functionCall: {}`) ends it.
 * @module
 */
import type { ToolCall } from "../../types/tool.js";
import type { GeminiCallMetadata } from "./contents.js";
import { syntheticCallId } from "./response.js";
import type { GeminiFunctionCallOut, GeminiPartialArg } from "./wire-types.js";

type Segment = string | number;

/** `$.a.b[0]['c d']` -> `["a", "b", 0, "c d"]`; undefined when the path cannot be read. */
export function parseJsonPath(path: string): Segment[] | undefined {
  if (!path.startsWith("$")) return undefined;
  const segments: Segment[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) return undefined;
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push((m[3] ?? m[4] ?? "").replace(/\\(.)/g, "$1"));
  }
  return segments;
}

function pieceValue(arg: GeminiPartialArg): { value: unknown } | undefined {
  if (typeof arg.stringValue === "string") return { value: arg.stringValue };
  if (typeof arg.numberValue === "number") return { value: arg.numberValue };
  if (typeof arg.boolValue === "boolean") return { value: arg.boolValue };
  if (arg.nullValue !== undefined) return { value: null };
  return undefined;
}

/** One function call being assembled. */
export class FunctionCallAssembler {
  readonly id: string;
  readonly name: string;
  private readonly args: Record<string, unknown>;
  private readonly metadata: GeminiCallMetadata;
  /** Paths whose string value is still growing. */
  private readonly open = new Set<string>();

  constructor(call: GeminiFunctionCallOut, thoughtSignature: string | undefined) {
    this.id = call.id ?? syntheticCallId();
    this.name = call.name ?? "";
    this.args = call.args && typeof call.args === "object" ? structuredClone(call.args) : {};
    this.metadata = {
      ...(thoughtSignature ? { thoughtSignature } : {}),
      ...(call.id ? { functionCallId: call.id } : {}),
    };
    this.apply({ partialArgs: call.partialArgs });
  }

  /** Applies one piece: its `args` (merged) and `partialArgs` (set by path). */
  apply(call: GeminiFunctionCallOut): void {
    if (call.args && typeof call.args === "object") Object.assign(this.args, call.args);
    for (const arg of Array.isArray(call.partialArgs) ? call.partialArgs : []) {
      if (typeof arg?.jsonPath !== "string") continue;
      const path = parseJsonPath(arg.jsonPath);
      const piece = pieceValue(arg);
      if (!path || path.length === 0 || !piece) continue;
      const continuing = this.open.has(arg.jsonPath);
      this.set(path, piece.value, continuing);
      if (arg.willContinue === true) this.open.add(arg.jsonPath);
      else this.open.delete(arg.jsonPath);
    }
  }

  /** The call as it stands (arguments are a plain object; Gemini sends no argument string). */
  toolCall(): ToolCall {
    return {
      id: this.id,
      name: this.name,
      arguments: this.args,
      ...(Object.keys(this.metadata).length > 0 ? { providerMetadata: { gemini: this.metadata } } : {}),
    };
  }

  private set(path: Segment[], value: unknown, append: boolean): void {
    let node: Record<string | number, unknown> = this.args;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i];
      let child = node[key];
      if (typeof child !== "object" || child === null) {
        child = typeof path[i + 1] === "number" ? [] : {};
        node[key] = child;
      }
      node = child as Record<string | number, unknown>;
    }
    const last = path[path.length - 1];
    const existing = node[last];
    node[last] = append && typeof existing === "string" && typeof value === "string" ? existing + value : value;
  }
}

/** Opens a call from its first piece (which carries the name and maybe the thought signature). */
export function startFunctionCall(
  call: GeminiFunctionCallOut,
  thoughtSignature: string | undefined,
): FunctionCallAssembler {
  return new FunctionCallAssembler(call, thoughtSignature);
}
