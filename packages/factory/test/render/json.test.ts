// JsonRenderer: engine events as JSON lines on stdout, nothing else there but the run_recorded line
// (just before the terminal event) when the run was recorded in a context store.
import { describe, expect, it } from "vitest";
import { JsonRenderer } from "../../src/render/json.js";
import { CaptureStream } from "../helpers/cli.js";
import { EventClock, sampleRun } from "../helpers/events.js";

const SUMMARY = { status: "success", completedNodes: ["start"], durationMs: 1, logsDir: "runs/x" } as const;

describe("JsonRenderer", () => {
  it("writes each event as one JSON line, unchanged, and people-facing text to stderr", () => {
    const stdout = new CaptureStream();
    const stderr = new CaptureStream();
    const renderer = new JsonRenderer(stdout, stderr);
    const events = sampleRun(new EventClock());
    renderer.start({ simulation: "simulation: --simulate", logsDir: "runs/x" });
    renderer.pause();
    for (const event of events) renderer.event(event);
    renderer.resume();
    renderer.note("interrupting");
    renderer.finish(SUMMARY);
    renderer.close();
    const lines = stdout.text.trimEnd().split("\n");
    expect(lines).toHaveLength(events.length);
    expect(lines.map((l) => JSON.parse(l))).toEqual(events);
    expect(lines[0]).toBe(JSON.stringify(events[0]));
    expect(stderr.text).toBe("simulation: --simulate\nlogs: runs/x\ninterrupting\n");
  });

  it("writes where the run was recorded just before the terminal event", () => {
    const stdout = new CaptureStream();
    const renderer = new JsonRenderer(stdout, new CaptureStream());
    const events = sampleRun(new EventClock());
    for (const event of events) renderer.event(event);
    const held = stdout.text.trimEnd().split("\n");
    expect(held).toHaveLength(events.length - 1); // the terminal event waits for finish
    renderer.finish({
      ...SUMMARY,
      recording: { target: "/r/cxdb.sqlite", shown: "r/cxdb.sqlite", contextId: 4, turns: 9, dropped: 0 },
    });
    renderer.close();
    const lines = stdout.text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(events.length + 1);
    expect(lines.at(-1)).toEqual(events.at(-1));
    expect(lines.at(-2)).toEqual({
      type: "run_recorded",
      ts: expect.stringMatching(/^\d{4}-/),
      store: "/r/cxdb.sqlite",
      contextId: 4,
      turns: 9,
      dropped: 0,
    });
  });

  it("still writes a held terminal event when the run ends without a summary", () => {
    const stdout = new CaptureStream();
    const renderer = new JsonRenderer(stdout, new CaptureStream());
    const events = sampleRun(new EventClock());
    for (const event of events) renderer.event(event);
    renderer.close();
    expect(
      stdout.text
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual(events);
  });
});
