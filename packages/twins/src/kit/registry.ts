/**
 * The registry of twin definitions, keyed by name (pi-mono `api-registry.ts`); the built-ins are
 * added by `register-builtins.ts`.
 * @module
 */
import { TwinError } from "./twin-error.js";
import type { TwinDefinition } from "./types.js";

const definitions = new Map<string, TwinDefinition>();

/**
 * Registers (or replaces) a twin definition under `definition.name`.
 * @throws TwinError for a name that is not lower-case letters, digits and dashes.
 */
export function registerTwin(definition: TwinDefinition): void {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) {
    throw new TwinError({ message: `invalid twin name '${definition.name}': use lower-case letters, digits and '-'` });
  }
  definitions.set(definition.name, definition);
}

/** The definition registered as `name`, or undefined. */
export function findTwin(name: string): TwinDefinition | undefined {
  return definitions.get(name);
}

/**
 * The definition registered as `name`.
 * @throws TwinError `unknown twin 'x' (known: a, b)`.
 */
export function getTwin(name: string): TwinDefinition {
  const definition = definitions.get(name);
  if (!definition) {
    const known = [...definitions.keys()].sort().join(", ") || "none";
    throw new TwinError({ message: `unknown twin '${name}' (known: ${known})` });
  }
  return definition;
}

/** Names of the registered twins, sorted. */
export function listTwins(): string[] {
  return [...definitions.keys()].sort();
}
