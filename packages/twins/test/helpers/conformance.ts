// Shared parts of the fixtures-conformance suites: the fields seen per kind of object (in the
// recordings and in the twin's output), compared both ways, and SSE parsing.

/** Per kind (`response`, `usage`, `event:message_start`, ...): how often it was seen and how often each field. */
export interface Shapes {
  /** Times each kind was counted (objects, or files that hold the kind, as the suite counts). */
  counts: Map<string, number>;
  /** Times each field of a kind was counted. */
  fields: Map<string, Map<string, number>>;
}

/** No shapes yet. */
export const emptyShapes = (): Shapes => ({ counts: new Map(), fields: new Map() });

/** Counts one object `value` of `kind` and its fields; anything but a plain object is skipped. */
export function addShape(shapes: Shapes, kind: string, value: unknown): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return;
  shapes.counts.set(kind, (shapes.counts.get(kind) ?? 0) + 1);
  const fields = shapes.fields.get(kind) ?? new Map<string, number>();
  for (const key of Object.keys(value)) fields.set(key, (fields.get(key) ?? 0) + 1);
  shapes.fields.set(kind, fields);
}

/**
 * The fields of `ours` the recordings never have, as `kind.field`; kinds the recordings lack are
 * left to the caller to check.
 * @param declared Fields per kind the recordings lack but the provider's SDK declares (allowed).
 */
export function inventedFields(ours: Shapes, recorded: Shapes, declared: Record<string, string[]> = {}): string[] {
  const invented: string[] = [];
  for (const [kind, fields] of ours.fields) {
    const known = recorded.fields.get(kind);
    for (const key of fields.keys())
      if (!known?.has(key) && !(declared[kind] ?? []).includes(key)) invented.push(`${kind}.${key}`);
  }
  return invented;
}

/** The fields that at least `share` of the recorded objects of a kind have and `ours` lacks, as `kind.field (count/total)`. */
export function missingFields(ours: Shapes, recorded: Shapes, share = 0.6): string[] {
  const missing: string[] = [];
  for (const [kind, fields] of ours.fields) {
    const total = recorded.counts.get(kind) ?? 0;
    for (const [key, count] of recorded.fields.get(kind) ?? []) {
      if (count / total >= share && !fields.has(key)) missing.push(`${kind}.${key} (${count}/${total})`);
    }
  }
  return missing;
}

/** Parses an SSE body framed as `event: <type>` + `data: <json>` into `{ event, data }` pairs. */
export function parseSse(text: string): { event: string | undefined; data: Record<string, unknown> }[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "";
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}
