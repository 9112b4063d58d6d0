// JsonRenderer: engine events as JSON lines on stdout, nothing else there.
import { describe, expect, it } from "vitest";
import { JsonRenderer } from "../../src/render/json.js";
import { CaptureStream } from "../helpers/cli.js";
import { EventClock, sampleRun } from "../helpers/events.js";

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
    renderer.finish();
    renderer.close();
    const lines = stdout.text.trimEnd().split("\n");
    expect(lines).toHaveLength(events.length);
    expect(lines.map((l) => JSON.parse(l))).toEqual(events);
    expect(lines[0]).toBe(JSON.stringify(events[0]));
    expect(stderr.text).toBe("simulation: --simulate\nlogs: runs/x\ninterrupting\n");
  });
});
