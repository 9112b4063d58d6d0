import { describe, expect, it } from "vitest";
import { Journal, type JournalEntry, type JournalEvent } from "../../src/kit/journal.js";

function entry(over: Partial<JournalEntry>): Omit<JournalEntry, "seq"> {
  return {
    requestId: "req_1",
    time: "2026-01-01T00:00:00.000Z",
    method: "POST",
    path: "/v1/responses",
    url: "/v1/responses",
    headers: {},
    body: null,
    response: { status: 200, headers: {}, body: null },
    outcome: "completed",
    durationMs: 1,
    ...over,
  };
}

describe("Journal", () => {
  it("numbers entries and keeps only the last `capacity`", () => {
    const journal = new Journal(3);
    for (let i = 0; i < 5; i++) journal.open(entry({ requestId: `req_${i}` }));
    expect(journal.size).toBe(3);
    expect(journal.list().map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it("filters by path glob, method, status, model glob, since and limit", () => {
    const journal = new Journal();
    journal.open(entry({ path: "/v1/responses", model: "gpt-5-mini", time: "2026-01-01T00:00:00.000Z" }));
    journal.open(
      entry({ path: "/v1/chat/completions", model: "gpt-4.1", response: { status: 429, headers: {}, body: null } }),
    );
    journal.open(entry({ method: "GET", path: "/v1/models", time: "2026-01-02T00:00:00.000Z" }));
    expect(journal.list({ path: "/v1/chat/*" }).map((e) => e.seq)).toEqual([2]);
    expect(journal.list({ method: "get" }).map((e) => e.seq)).toEqual([3]);
    expect(journal.list({ status: 429 }).map((e) => e.seq)).toEqual([2]);
    expect(journal.list({ model: "gpt-5*" }).map((e) => e.seq)).toEqual([1]);
    expect(journal.list({ sinceSeq: 1 }).map((e) => e.seq)).toEqual([2, 3]);
    expect(journal.list({ sinceMs: Date.parse("2026-01-01T12:00:00Z") }).map((e) => e.seq)).toEqual([3]);
    expect(journal.list({ limit: 2 }).map((e) => e.seq)).toEqual([2, 3]);
    expect(journal.list({ requestId: "req_1" }).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it("pages back from the newest with offset and limit, and counts what passed the filters", () => {
    const journal = new Journal();
    for (let i = 0; i < 5; i++) journal.open(entry({ requestId: `req_${i}`, method: i === 2 ? "GET" : "POST" }));
    expect(journal.page({ method: "post", limit: 2 })).toMatchObject({ total: 4 });
    expect(journal.page({ method: "post", limit: 2 }).entries.map((e) => e.seq)).toEqual([4, 5]);
    expect(journal.page({ method: "post", limit: 2, offset: 2 }).entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(journal.page({ offset: 9 }).entries).toEqual([]);
    expect(journal.list({ requestId: "req_3" }).map((e) => e.seq)).toEqual([4]);
  });

  it("tells subscribers about finished entries and resets, until they unsubscribe", () => {
    const journal = new Journal();
    const events: JournalEvent[] = [];
    const unsubscribe = journal.subscribe((event) => events.push(event));
    const first = journal.open(entry({}));
    journal.finish(first);
    journal.clear();
    unsubscribe();
    journal.finish(journal.open(entry({})));
    expect(events.map((e) => e.type)).toEqual(["entry", "reset"]);
    expect(journal.size).toBe(1);
    expect(journal.list()[0].seq).toBe(2);
  });

  it("survives a subscriber that throws", () => {
    const journal = new Journal();
    journal.subscribe(() => {
      throw new Error("boom");
    });
    expect(() => journal.finish(journal.open(entry({})))).not.toThrow();
  });
});
