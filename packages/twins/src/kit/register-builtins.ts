/**
 * Registers the built-in twins. Each twin module exports its definition; this is the one place
 * that lists them.
 * @module
 */

import { anthropicTwin } from "../anthropic/app.js";
import { geminiTwin } from "../gemini/app.js";
import { openaiTwin } from "../openai/app.js";
import { slackTwin } from "../slack/app.js";
import { findTwin, registerTwin } from "./registry.js";
import type { TwinDefinition } from "./types.js";

/**
 * The built-in definitions, in the order the CLI lists them. A function, not a constant: twin
 * modules import the kit, so the list is only built once every module is loaded.
 */
export function builtinTwins(): readonly TwinDefinition[] {
  return [openaiTwin, anthropicTwin, geminiTwin, slackTwin];
}

/** Registers every built-in twin that is not registered yet (idempotent; keeps replacements). */
export function registerBuiltinTwins(): void {
  for (const definition of builtinTwins()) if (!findTwin(definition.name)) registerTwin(definition);
}
