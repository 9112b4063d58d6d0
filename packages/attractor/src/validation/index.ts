/**
 * Validation and linting (attractor-spec §7). Kept as a folder entry point because
 * `engine/runner.ts` imports `validateOrRaise` from here.
 * @module
 */
export type { Diagnostic, LintContext, LintRule, Severity } from "./diagnostic.js";
export { formatDiagnostic, ValidationError } from "./diagnostic.js";
export { builtInLintRules } from "./register-builtins.js";
export type { ValidateOptions } from "./validate.js";
export { BUILT_IN_HANDLER_TYPES, sortDiagnostics, validate, validateOrRaise } from "./validate.js";
