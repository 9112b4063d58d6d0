// GET /v1/events: CXDB's SSE wire form for every event type, heartbeats, and streams ending on close.
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { buildHttpApp } from "../../../src/http/app.js";
import { eventJson } from "../../../src/http/routes/events.js";
import { memoryStore } from "../../helpers/store.js";

describe("eventJson", () => {
  it("writes each event type flat, with ids as strings", () => {
    expect(
      eventJson({
        type: "context_created",
        contextId: 3,
        headTurnId: 0,
        headDepth: 0,
        sessionId: 7,
        clientTag: "w",
        createdAtUnixMs: 5,
      }),
    ).toEqual({
      context_id: "3",
      session_id: "7",
      client_tag: "w",
      created_at: 5,
      head_turn_id: "0",
      head_depth: 0,
    });
    expect(eventJson({ type: "context_metadata_updated", contextId: 3, title: "T", hasProvenance: false })).toEqual({
      context_id: "3",
      title: "T",
      has_provenance: false,
    });
    expect(eventJson({ type: "client_connected", sessionId: 7, clientTag: "w" })).toEqual({
      session_id: "7",
      client_tag: "w",
    });
    expect(eventJson({ type: "client_disconnected", sessionId: 7, clientTag: "w", contexts: [3, 4] })).toEqual({
      session_id: "7",
      client_tag: "w",
      contexts: ["3", "4"],
    });
  });
});

describe("GET /v1/events", () => {
  it("streams events and heartbeats, and ends open streams when the app closes", async () => {
    const store = await memoryStore();
    const app = buildHttpApp(store, { heartbeatMs: 30 });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const res = await fetch(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/events`);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    const readUntil = async (needle: string): Promise<void> => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil("event: connected");
    const session = store.sessions.open({ clientTag: "bin" });
    store.sessions.close(session);
    await readUntil("event: client_disconnected");
    await readUntil(":heartbeat");
    expect(text).toContain(`event: client_connected\ndata: {"session_id":"${session}","client_tag":"bin"}\n\n`);
    expect(text).toContain(
      `event: client_disconnected\ndata: {"session_id":"${session}","client_tag":"bin","contexts":[]}\n\n`,
    );
    expect(store.events.size).toBeGreaterThan(1);
    await app.close();
    await readUntil("never");
    expect(store.events.size).toBe(1);
    store.close();
  });
});
