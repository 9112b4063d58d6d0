// TextRenderer: plain lines for output that is not a terminal.
import { describe, expect, it } from "vitest";
import { LineOutput } from "../../src/render/line-output.js";
import { TextRenderer } from "../../src/render/text.js";
import { CaptureStream } from "../helpers/cli.js";
import { EventClock, SAMPLE_LINES, sampleRun } from "../helpers/events.js";

function setup() {
  const stdout = new CaptureStream();
  const stderr = new CaptureStream();
  const out = new LineOutput(stdout);
  return { stdout, stderr, out, renderer: new TextRenderer(out, stderr) };
}

describe("TextRenderer", () => {
  it("prints the header, a start and an end line per stage, and the summary, without ANSI codes", () => {
    const { stdout, renderer } = setup();
    renderer.start({ simulation: "simulation: --simulate", logsDir: "runs/x" });
    for (const event of sampleRun(new EventClock())) renderer.event(event);
    renderer.finish({
      status: "success",
      completedNodes: ["start", "plan", "exit"],
      durationMs: 2100,
      logsDir: "runs/x",
    });
    renderer.close();
    const lines = stdout.text.split("\n");
    expect(lines.slice(0, 2)).toEqual(["simulation: --simulate", "logs: runs/x"]);
    expect(stdout.text).not.toMatch(/\u001b/);
    // Without the start lines, exactly the shared permanent lines, in order.
    expect(lines.filter((l) => l !== "" && !/^\s*(\[\w+\] )?▸ /.test(l)).slice(2, -4)).toEqual(SAMPLE_LINES);
    expect(lines).toContain("▸ plan  Plan the work  (attempt 2)");
    expect(lines).toContain("  [b] ▸ b");
    expect(lines.slice(-6)).toEqual([
      "",
      "result:   success",
      "path:     start -> plan -> exit",
      "duration: 2.1s",
      "logs:     runs/x",
      "",
    ]);
  });

  it("shows the failure reason in the summary of a failed run", () => {
    const { stdout, renderer } = setup();
    renderer.finish({
      status: "fail",
      completedNodes: ["start", "t"],
      durationMs: 5,
      logsDir: "d",
      failureReason: "boom",
    });
    expect(stdout.text.trimEnd().split("\n").at(-1)).toBe("reason:   boom");
  });

  it("holds lines back while paused and ends a line a prompt left open", () => {
    const { stdout, out, renderer } = setup();
    const clock = new EventClock();
    renderer.pause();
    out.write("Select: ");
    renderer.event(
      clock.at({ type: "stage_started", nodeId: "n", label: "n", handlerType: "tool", index: 1, attempt: 1 }),
    );
    expect(stdout.text).toBe("Select: ");
    renderer.resume();
    expect(stdout.text).toBe("Select: \n▸ n\n");
  });

  it("writes notes to stderr", () => {
    const { stdout, stderr, renderer } = setup();
    renderer.note("interrupting");
    expect(stderr.text).toBe("interrupting\n");
    expect(stdout.text).toBe("");
  });
});
