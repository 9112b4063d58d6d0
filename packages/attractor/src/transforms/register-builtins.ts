/**
 * The built-in transforms, in the order they run (attractor-spec §9.2).
 * @module
 */
import { aliasTransform } from "./attribute-aliases.js";
import { stylesheetTransform } from "./stylesheet-application.js";
import type { Transform } from "./types.js";
import { variableExpansionTransform } from "./variable-expansion.js";

/**
 * The built-in transforms in run order: attribute aliases first (so `llm_prompt` is a `prompt`
 * before `$goal` is expanded), then variable expansion, then stylesheet application.
 * Returns a new array each call.
 */
export function builtInTransforms(): Transform[] {
  return [aliasTransform, variableExpansionTransform, stylesheetTransform];
}
