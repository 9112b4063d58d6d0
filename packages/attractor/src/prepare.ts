/**
 * `preparePipeline` (attractor-spec §9.1): parse, transform, validate.
 * @module
 */
import type { Graph } from "./model/graph.js";
import { parseDot } from "./parser/parser.js";
import { builtInTransforms } from "./transforms/register-builtins.js";
import { applyTransforms } from "./transforms/transform-registry.js";
import type { Transform } from "./transforms/types.js";
import type { Diagnostic, LintRule } from "./validation/diagnostic.js";
import { sortDiagnostics, validate } from "./validation/validate.js";

/** Options of {@link preparePipeline}. */
export interface PrepareOptions {
  /** File name for diagnostics and `graph.file`. */
  file?: string;
  /** Custom transforms, run after the built-ins in array order (attractor-spec §9.3). */
  transforms?: readonly Transform[];
  /** Custom lint rules, run after the built-ins (attractor-spec §7.4). */
  lintRules?: readonly LintRule[];
  /** Handler types the registry knows (for `type_known`); defaults to the nine built-ins. */
  knownHandlerTypes?: Iterable<string>;
}

/** What {@link preparePipeline} returns. */
export interface PreparedPipeline {
  /** The transformed graph, ready to run when `diagnostics` holds no error. */
  graph: Graph;
  /** Transform and lint diagnostics together, sorted by line then column. */
  diagnostics: Diagnostic[];
}

/**
 * Parses DOT source, applies the built-in transforms (aliases, `$goal` expansion, stylesheet) and
 * then `options.transforms`, and validates the result (attractor-spec §9.1).
 * Lint errors do not throw: callers decide (the engine must refuse to run when any diagnostic
 * has severity `error`; `validateOrRaise` does that).
 * @throws DotSyntaxError when `source` is not valid DOT for the Attractor subset.
 */
export function preparePipeline(source: string, options: PrepareOptions = {}): PreparedPipeline {
  const parsed = parseDot(source, { file: options.file });
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic): void => {
    diagnostics.push(d.file === undefined && parsed.file !== undefined ? { ...d, file: parsed.file } : d);
  };
  const graph = applyTransforms(parsed, [...builtInTransforms(), ...(options.transforms ?? [])], report);
  diagnostics.push(...validate(graph, { extraRules: options.lintRules, knownHandlerTypes: options.knownHandlerTypes }));
  return { graph, diagnostics: sortDiagnostics(diagnostics) };
}
