// ProgressRenderer: the live terminal region, driven by synthetic events and fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LineOutput } from "../../src/render/line-output.js";
import { ProgressRenderer, SPINNER } from "../../src/render/progress.js";
import { CaptureStream } from "../helpers/cli.js";
import { EventClock, SAMPLE_LINES, sampleRun } from "../helpers/events.js";
import { FakeTty, screen } from "../helpers/run-io.js";

const ERASE_ONE = "\r\u001b[1A\u001b[0J";

let clock: EventClock;
beforeEach(() => {
  vi.useFakeTimers();
  clock = new EventClock();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(columns = 80) {
  const tty = new FakeTty(columns);
  const stderr = new CaptureStream();
  const out = new LineOutput(tty);
  const renderer = new ProgressRenderer({ out, err: stderr, color: false, now: () => clock.ms });
  return { tty, stderr, out, renderer };
}

describe("ProgressRenderer", () => {
  it("leaves the permanent lines and the summary on screen, no spinner, and restores the cursor", () => {
    const { tty, renderer } = setup();
    renderer.start({ simulation: "simulation: --simulate", logsDir: "runs/x" });
    for (const event of sampleRun(clock)) {
      renderer.event(event);
      vi.advanceTimersByTime(100);
    }
    renderer.finish({ status: "success", completedNodes: ["start", "exit"], durationMs: 2100, logsDir: "runs/x" });
    renderer.close();
    expect(tty.text.startsWith("\u001b[?25l")).toBe(true);
    expect(tty.text.endsWith("\u001b[?25h")).toBe(true);
    expect(screen(tty.text).split("\n")).toEqual([
      "simulation: --simulate",
      "logs: runs/x",
      ...SAMPLE_LINES,
      "",
      "result:   success",
      "path:     start -> exit",
      "duration: 2.1s",
      "logs:     runs/x",
    ]);
  });

  it("shows a spinner line per running stage and redraws only the live region ~10 times a second", () => {
    const { tty, renderer } = setup();
    renderer.start({ simulation: "simulation: --simulate", logsDir: "d" });
    renderer.event(
      clock.at({ type: "stage_started", nodeId: "plan", label: "Plan", handlerType: "codergen", index: 1, attempt: 1 }),
    );
    expect(screen(tty.text).split("\n").at(-1)).toBe(`${SPINNER[0]} plan  Plan  0ms`);
    const before = tty.text.length;
    clock.tick(1000);
    vi.advanceTimersByTime(1000);
    const redraws = tty.text.slice(before);
    // Ten frames, each erasing the one-line region and drawing it again.
    expect(redraws.split(ERASE_ONE).length - 1).toBe(10);
    expect(screen(tty.text).split("\n")).toEqual([
      "simulation: --simulate",
      "logs: d",
      `${SPINNER[10 % SPINNER.length]} plan  Plan  1.0s`,
    ]);
    renderer.close();
    expect(screen(tty.text)).toBe("simulation: --simulate\nlogs: d");
  });

  it("indents running branch stages under their parallel node and shows retry countdowns", () => {
    const { tty, renderer } = setup();
    renderer.start({ simulation: "s", logsDir: "d" });
    renderer.event(
      clock.at({
        type: "stage_started",
        nodeId: "fan",
        label: "Fan out",
        handlerType: "parallel",
        index: 1,
        attempt: 1,
      }),
    );
    renderer.event(
      clock.at({
        type: "stage_started",
        nodeId: "a",
        label: "Branch A",
        handlerType: "codergen",
        index: 2,
        attempt: 1,
        branch: "fan/a",
      }),
    );
    renderer.event(
      clock.at({
        type: "stage_started",
        nodeId: "b",
        label: "b",
        handlerType: "tool",
        index: 3,
        attempt: 1,
        branch: "fan/b",
      }),
    );
    renderer.event(
      clock.at({
        type: "stage_failed",
        nodeId: "b",
        index: 3,
        error: "flaky",
        willRetry: true,
        attempt: 1,
        durationMs: 0,
        branch: "fan/b",
      }),
    );
    renderer.event(
      clock.at({ type: "stage_retrying", nodeId: "b", index: 3, attempt: 2, delayMs: 2000, branch: "fan/b" }),
    );
    clock.tick(500);
    vi.advanceTimersByTime(100);
    const spin = SPINNER[1];
    expect(screen(tty.text).split("\n").slice(2)).toEqual([
      "  [b] ✗ b  0ms — flaky",
      "  [b] ↻ b  retrying in 2.0s (attempt 2)",
      `${spin} fan  Fan out  500ms`,
      `  [a] ${spin} a  Branch A  500ms`,
      "  [b] ↻ b  retrying in 1.5s (attempt 2)",
    ]);
    renderer.close();
  });

  it("cuts live lines to the terminal width", () => {
    const { tty, renderer } = setup(20);
    renderer.start({ simulation: "s", logsDir: "d" });
    renderer.event(
      clock.at({
        type: "stage_started",
        nodeId: "n",
        label: "A very long label indeed",
        handlerType: "codergen",
        index: 1,
        attempt: 1,
      }),
    );
    const last = screen(tty.text).split("\n").at(-1)!;
    expect(last).toBe(`${SPINNER[0]} n  A very long l…`);
    expect(Array.from(last).length).toBe(19);
    renderer.close();
  });

  it("erases the live region while paused, holds output, and redraws on resume", () => {
    const { tty, out, renderer } = setup();
    renderer.start({ simulation: "s", logsDir: "d" });
    renderer.event(
      clock.at({
        type: "stage_started",
        nodeId: "gate",
        label: "Ship?",
        handlerType: "wait.human",
        index: 1,
        attempt: 1,
      }),
    );
    renderer.pause();
    expect(screen(tty.text)).toBe("s\nlogs: d");
    out.write("? Ship? › Yes\n"); // what a question leaves behind
    renderer.event(clock.at({ type: "stage_log", nodeId: "x", level: "warning", message: "held" }));
    vi.advanceTimersByTime(500); // no redraw while paused
    expect(screen(tty.text)).toBe("s\nlogs: d\n? Ship? › Yes");
    renderer.resume();
    const lines = screen(tty.text).split("\n");
    expect(lines.slice(0, 4)).toEqual(["s", "logs: d", "? Ship? › Yes", "! x: held"]);
    expect(lines[4]).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] gate {2}Ship\? {2}0ms$/);
    expect(lines).toHaveLength(5);
    renderer.close();
  });

  it("writes notes to stderr with the live region out of the way", () => {
    const { tty, stderr, renderer } = setup();
    renderer.start({ simulation: "s", logsDir: "d" });
    renderer.event(
      clock.at({ type: "stage_started", nodeId: "t", label: "t", handlerType: "tool", index: 1, attempt: 1 }),
    );
    const before = tty.text.length;
    renderer.note("interrupting");
    expect(stderr.text).toBe("interrupting\n");
    // Erased before the note, drawn again after it.
    expect(tty.text.slice(before).startsWith(ERASE_ONE)).toBe(true);
    expect(screen(tty.text).split("\n").at(-1)).toBe(`${SPINNER[0]} t  0ms`);
    renderer.close();
  });

  it("paints symbols when colour is on", () => {
    const tty = new FakeTty();
    const renderer = new ProgressRenderer({ out: new LineOutput(tty), err: new CaptureStream(), now: () => clock.ms });
    renderer.start({ simulation: "s", logsDir: "d" });
    renderer.event(
      clock.at({
        type: "stage_completed",
        nodeId: "t",
        index: 1,
        durationMs: 5,
        attempt: 1,
        outcome: { status: "success" },
      }),
    );
    renderer.close();
    expect(tty.text).toContain("\u001b[32m✓\u001b[0m t  5ms");
  });
});
