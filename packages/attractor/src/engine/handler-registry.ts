/**
 * The handler registry (attractor-spec §4.2): type string -> handler, with a default.
 * @module
 */

import type { Handler } from "../handlers/types.js";
import type { Node } from "../model/graph.js";
import { resolveHandlerType } from "../validation/handler-resolution.js";

/** Maps handler type strings to handlers (§4.2). One instance per run configuration. */
export class HandlerRegistry {
  private readonly handlers = new Map<string, Handler>();
  private defaultType = "codergen";

  /** Registers `handler` for `type`, replacing any previous one (§4.2, §4.12). */
  register(type: string, handler: Handler): this {
    this.handlers.set(type, handler);
    return this;
  }

  /** True when a handler is registered for `type`. */
  has(type: string): boolean {
    return this.handlers.has(type);
  }

  /** The handler for `type`, if registered. */
  get(type: string): Handler | undefined {
    return this.handlers.get(type);
  }

  /** Registered type strings. */
  types(): string[] {
    return [...this.handlers.keys()];
  }

  /** Sets which registered type serves as the default handler (default `codergen`). */
  setDefault(type: string): this {
    this.defaultType = type;
    return this;
  }

  /**
   * §4.2 resolution: explicit `type` if registered, else the shape mapping, else the default.
   * @returns the handler and the type it was resolved as.
   * @throws Error when nothing matches and no default handler is registered.
   */
  resolve(node: Node): { type: string; handler: Handler } {
    const type = resolveHandlerType(node, this.handlers, this.defaultType);
    const handler = this.handlers.get(type);
    if (!handler) throw new Error(`no handler for node '${node.id}' and no default handler registered`);
    return { type, handler };
  }
}
