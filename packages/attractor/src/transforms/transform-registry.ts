/**
 * The transform registry (attractor-spec §9.3): built-ins first, then custom transforms in
 * registration order.
 * @module
 */
import { AttractorError } from "../errors.js";
import type { Graph } from "../model/graph.js";
import { builtInTransforms } from "./register-builtins.js";
import type { DiagnosticReporter, Transform } from "./types.js";

/** Holds custom transforms; {@link TransformRegistry.list} puts the built-ins before them. */
export class TransformRegistry {
  private readonly custom: Transform[] = [];

  /**
   * Registers a custom transform; it runs after the built-ins and after transforms registered earlier.
   * @throws AttractorError when a transform with the same name is already registered (or is a built-in).
   */
  register(transform: Transform): void {
    if (this.get(transform.name)) {
      throw new AttractorError({ message: `a transform named '${transform.name}' is already registered` });
    }
    this.custom.push(transform);
  }

  /** The built-in or registered transform with that name. */
  get(name: string): Transform | undefined {
    return this.list().find((t) => t.name === name);
  }

  /** Every transform in run order: built-ins, then custom ones in registration order. */
  list(): Transform[] {
    return [...builtInTransforms(), ...this.custom];
  }

  /** Runs {@link list} over `graph` (see {@link applyTransforms}). */
  apply(graph: Graph, report: DiagnosticReporter): Graph {
    return applyTransforms(graph, this.list(), report);
  }
}

/**
 * Runs `transforms` in order, each on the previous one's result (attractor-spec §9.1).
 * The input graph is left as it was, provided that every transform honours the no-mutation contract.
 * @throws whatever a transform throws.
 */
export function applyTransforms(graph: Graph, transforms: readonly Transform[], report: DiagnosticReporter): Graph {
  let current = graph;
  for (const transform of transforms) current = transform.apply(current, report);
  return current;
}
