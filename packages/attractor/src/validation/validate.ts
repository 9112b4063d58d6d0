/**
 * The validation API (attractor-spec §7.3): run every lint rule over a graph.
 * @module
 */
import { SHAPE_TO_TYPE } from "../model/attributes.js";
import type { Graph } from "../model/graph.js";
import { type Diagnostic, type LintContext, type LintRule, ValidationError } from "./diagnostic.js";
import { builtInLintRules } from "./register-builtins.js";

/**
 * The nine handler types of attractor-spec §2.8 (the types `SHAPE_TO_TYPE` maps to), the default
 * for `type_known`. Equal to `BUILT_IN_HANDLER_TYPES` of handlers/register-builtins.ts, derived
 * here so that validation does not load the handlers.
 */
const DEFAULT_HANDLER_TYPES: ReadonlySet<string> = new Set(Object.values(SHAPE_TO_TYPE));

/** Options of {@link validate}. */
export interface ValidateOptions {
  /** Custom rules, run after the built-ins in array order (attractor-spec §7.4). */
  extraRules?: readonly LintRule[];
  /** Handler types the registry knows (for `type_known`); defaults to the nine built-in types of §2.8. */
  knownHandlerTypes?: Iterable<string>;
}

/**
 * Runs the built-in rules, then `options.extraRules`, over `graph` (attractor-spec §7.3).
 * Diagnostics without a `file` get `graph.file`. The result is sorted by line, then column
 * (diagnostics without a location first); ties keep rule order, then each rule's own order.
 * Does not throw for invalid pipelines; a rule that throws propagates its error.
 */
export function validate(graph: Graph, options: ValidateOptions = {}): Diagnostic[] {
  const context: LintContext = {
    knownHandlerTypes: new Set(options.knownHandlerTypes ?? DEFAULT_HANDLER_TYPES),
  };
  const rules = [...builtInLintRules(), ...(options.extraRules ?? [])];
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    for (const diagnostic of rule.apply(graph, context)) {
      diagnostics.push(
        diagnostic.file === undefined && graph.file !== undefined ? { ...diagnostic, file: graph.file } : diagnostic,
      );
    }
  }
  return sortDiagnostics(diagnostics);
}

/**
 * {@link validate}, then throws when any diagnostic is an error (attractor-spec §7.3).
 * @returns every diagnostic (warnings and infos) when there is no error.
 * @throws ValidationError carrying all diagnostics (errors first, each group by position) when at
 *   least one has severity `error`.
 */
export function validateOrRaise(graph: Graph, options: ValidateOptions = {}): Diagnostic[] {
  const diagnostics = validate(graph, options);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    throw new ValidationError({ diagnostics: [...errors, ...diagnostics.filter((d) => d.severity !== "error")] });
  }
  return diagnostics;
}

/** Sorts by line then column (no location first); stable, so equal positions keep their order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => (a.loc?.line ?? 0) - (b.loc?.line ?? 0) || (a.loc?.column ?? 0) - (b.loc?.column ?? 0),
  );
}
