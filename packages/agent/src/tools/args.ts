/**
 * Typed reads of already schema-validated tool arguments (coding-agent-loop-spec §3.8 VALIDATE runs
 * first, so these only narrow types and apply defaults).
 * @module
 */

type Args = Record<string, unknown>;

/** `args[name]` as a string; throws when a required one is missing (a schema bug, not a model error). */
export function stringArg(args: Args, name: string): string {
  const value = args[name];
  if (typeof value !== "string") throw new Error(`missing required string argument "${name}"`);
  return value;
}

/** `args[name]` when it is a string, else undefined. */
export function optionalString(args: Args, name: string): string | undefined {
  const value = args[name];
  return typeof value === "string" ? value : undefined;
}

/** `args[name]` when it is a finite number (truncated to an integer), else undefined. */
export function optionalInt(args: Args, name: string): number | undefined {
  const value = args[name];
  return typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : undefined;
}

/** `args[name]` when it is a boolean, else undefined. */
export function optionalBool(args: Args, name: string): boolean | undefined {
  const value = args[name];
  return typeof value === "boolean" ? value : undefined;
}

/** `args[name]` when it is an array of strings, else undefined. */
export function optionalStrings(args: Args, name: string): string[] | undefined {
  const value = args[name];
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? (value as string[]) : undefined;
}
