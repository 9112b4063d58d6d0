/**
 * The transform interface (attractor-spec §9.1).
 * @module
 */
import type { Graph } from "../model/graph.js";
import type { Diagnostic } from "../validation/diagnostic.js";

/** Receives the diagnostics a transform reports (for example `attribute_alias` warnings). */
export type DiagnosticReporter = (diagnostic: Diagnostic) => void;

/**
 * A graph rewrite applied after parsing and before validation (attractor-spec §9.1).
 * `apply` returns a new graph (typically `graph.clone()` modified) and must not modify its input.
 * It may report diagnostics; it should throw only for programming errors, never for a bad pipeline
 * (lint rules report those).
 */
export interface Transform {
  /** A short unique name, e.g. `variable_expansion`. */
  name: string;
  apply(graph: Graph, report: DiagnosticReporter): Graph;
}
