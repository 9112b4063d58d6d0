// The admin API (`/_twin/...`) every twin serves, as the provider twin tests use it: reads, reset,
// scripts, faults and the journal.
import type { JournalEntry, RunningTwin } from "../../src/index.js";

/** `fetch` of an admin path (`/_twin/...`) as JSON. */
export async function admin<T = unknown>(twin: RunningTwin, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${twin.url}/_twin${path}`, init);
  return (await response.json()) as T;
}

/** Resets the twin and unloads its script. */
export async function resetTwin(twin: RunningTwin): Promise<void> {
  await admin(twin, "/reset", { method: "POST" });
  await fetch(`${twin.url}/_twin/script`, { method: "DELETE" });
}

/** Loads a script (YAML text) into a running twin. @throws when the twin rejects it. */
export async function loadScriptInto(twin: RunningTwin, yaml: string): Promise<void> {
  const response = await fetch(`${twin.url}/_twin/script`, {
    method: "PUT",
    headers: { "content-type": "application/yaml" },
    body: yaml,
  });
  if (!response.ok) throw new Error(`script rejected: ${await response.text()}`);
}

/** Adds fault rules through the admin API. @throws when the twin rejects them. */
export async function addFault(twin: RunningTwin, rule: unknown): Promise<void> {
  const response = await fetch(`${twin.url}/_twin/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rule),
  });
  if (!response.ok) throw new Error(`fault rejected: ${await response.text()}`);
}

/** The journal's entries, oldest first. */
export async function journal(twin: RunningTwin): Promise<JournalEntry[]> {
  const { entries } = await admin<{ entries: JournalEntry[] }>(twin, "/journal");
  return [...entries].sort((a, b) => a.seq - b.seq);
}
