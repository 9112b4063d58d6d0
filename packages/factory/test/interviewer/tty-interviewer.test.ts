import { PassThrough, Writable } from "node:stream";
import type { Answer, Question } from "@darkfactory/attractor";
import { describe, expect, it, vi } from "vitest";
import { TtyInterviewer } from "../../src/interviewer/tty-interviewer.js";

const DOWN = "\u001b[B";
const UP = "\u001b[A";
const ENTER = "\r";
const ESCAPE = "\u001b";
const CTRL_C = "\u0003";
const BACKSPACE = "\u007f";
const SHOW_CURSOR = "\u001b[?25h";
const HIDE_CURSOR = "\u001b[?25l";

/** A PassThrough that looks like a terminal in raw-mode-capable form and records setRawMode calls. */
class FakeTtyInput extends PassThrough {
  isTTY = true;
  isRaw = false;
  readonly rawModeCalls: boolean[] = [];
  setRawMode(mode: boolean): this {
    this.rawModeCalls.push(mode);
    this.isRaw = mode;
    return this;
  }
}

function setup(options: { isTTY?: boolean; isRaw?: boolean; onInterrupt?: () => void; tickMs?: number } = {}) {
  const input = new FakeTtyInput();
  input.isTTY = options.isTTY ?? true;
  input.isRaw = options.isRaw ?? false;
  let raw = "";
  const output = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        raw += chunk.toString();
        callback();
      },
    }),
    { columns: 80 },
  );
  const interviewer = new TtyInterviewer({
    input,
    output,
    onInterrupt: options.onInterrupt,
    tickMs: options.tickMs,
  });
  return {
    input,
    interviewer,
    raw: () => raw,
    /** Each drawing (menu frames, then the summary line), ANSI stripped. */
    frames: () => raw.split(/\r(?:\u001b\[\d+A)?\u001b\[0J/).map(stripAnsi),
    /** Writes keys once the interviewer listens. */
    press: async (...keys: string[]) => {
      await until(() => input.listenerCount("data") > 0);
      for (const key of keys) input.write(key);
    },
  };
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
}

async function until(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs}ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** The terminal is as it was: raw mode back to its old state, cursor shown, nothing listening. */
function expectClean(t: ReturnType<typeof setup>, wasRaw = false): void {
  expect(t.input.isRaw).toBe(wasRaw);
  expect(t.raw().endsWith(SHOW_CURSOR)).toBe(true);
  expect(t.input.listenerCount("data")).toBe(0);
  expect(t.input.listenerCount("end")).toBe(0);
  expect(t.input.isPaused()).toBe(true);
}

const options = [
  { key: "A", label: "[A] Approve" },
  { key: "R", label: "[R] Request changes" },
  { key: "F", label: "F) Fix later" },
];
const review: Question = { id: "review", text: "Review the change", type: "multiple_choice", options, stage: "review" };
const deploy: Question = { id: "deploy", text: "Deploy?", type: "yes_no", options: [], stage: "gate" };
const notes: Question = { id: "notes", text: "Any notes?", type: "freeform", options: [], stage: "notes" };

describe("TtyInterviewer", () => {
  it("renders a vertical menu with the first option highlighted", async () => {
    const t = setup();
    const pending = t.interviewer.ask(review);
    await t.press(ENTER);
    await pending;
    expect(t.raw().startsWith(HIDE_CURSOR)).toBe(true);
    expect(t.frames()[0]).toBe(
      [
        "? Review the change",
        "> [A] Approve",
        "  [R] Request changes",
        "  [F] Fix later",
        "  up/down to move, enter to select, A/R/F to choose, esc to skip",
      ].join("\n"),
    );
  });

  it("§11.8: prompts in the terminal and reads the selection: down arrow then Enter", async () => {
    const t = setup();
    const pending = t.interviewer.ask(review);
    await t.press(DOWN, ENTER);
    expect(await pending).toEqual({ value: "R", selectedOption: options[1] });
    const frames = t.frames();
    expect(frames.at(-2)).toContain("> [R] Request changes");
    expect(frames.at(-2)).toContain("  [A] Approve");
    expect(frames.at(-1)).toBe("? Review the change › Request changes\n");
    expect(t.input.rawModeCalls).toEqual([true, false]);
    expectClean(t);
  });

  it("moves with k/j and wraps around with the arrow keys", async () => {
    const t = setup();
    const pending = t.interviewer.ask(review);
    await t.press(UP); // wraps to the last option
    await until(() => t.frames().at(-1)!.includes("> [F] Fix later"));
    await t.press("k", "k", "j", ENTER);
    expect((await pending).value).toBe("R");
  });

  it("selects an option at once when its accelerator key is pressed (any case)", async () => {
    const t = setup();
    const pending = t.interviewer.ask(review);
    await t.press("f");
    expect(await pending).toEqual({ value: "F", selectedOption: options[2] });
    expect(t.frames().at(-1)).toBe("? Review the change › Fix later\n");
    expectClean(t);
  });

  it("lets an accelerator key win over j/k movement", async () => {
    const t = setup();
    const jk = [
      { key: "J", label: "Jump" },
      { key: "K", label: "Keep" },
    ];
    const pending = t.interviewer.ask({ ...review, options: jk });
    await t.press("k");
    expect((await pending).value).toBe("K");
  });

  it("moves among options sharing a key instead of selecting one", async () => {
    const t = setup();
    const clash = [
      { key: "A", label: "Approve" },
      { key: "R", label: "Retry" },
      { key: "R", label: "Reject" },
    ];
    const pending = t.interviewer.ask({ ...review, options: clash });
    await t.press("r");
    await until(() => t.frames().at(-1)!.includes("> [R] Retry"));
    await t.press("r");
    await until(() => t.frames().at(-1)!.includes("> [R] Reject"));
    await t.press(ENTER);
    expect(await pending).toEqual({ value: "R", selectedOption: clash[2] });
  });

  it("selects an option by its number", async () => {
    const t = setup();
    const pending = t.interviewer.ask(review);
    await t.press("2");
    expect((await pending).value).toBe("R");
  });

  it("starts on the default's option, so Enter picks the default", async () => {
    const t = setup();
    const pending = t.interviewer.ask({ ...review, default: { value: "F", selectedOption: options[2] } });
    await t.press(ENTER);
    expect((await pending).value).toBe("F");
  });

  it("Escape resolves skipped and restores the terminal", async () => {
    const t = setup();
    const pending = t.interviewer.ask(review);
    await t.press(ESCAPE);
    expect(await pending).toEqual({ value: "skipped" });
    expect(t.frames().at(-1)).toBe("? Review the change (skipped)\n");
    expect(t.input.rawModeCalls).toEqual([true, false]);
    expectClean(t);
  });

  it("Ctrl-C restores the terminal, rejects with an AbortError and calls onInterrupt", async () => {
    const events: string[] = [];
    const t = setup({ onInterrupt: () => events.push(`interrupt raw=${t.input.isRaw}`) });
    const pending = t.interviewer.ask(review);
    await t.press(DOWN, CTRL_C, ENTER);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(events).toEqual(["interrupt raw=false"]);
    expect(t.input.rawModeCalls).toEqual([true, false]);
    expect(t.frames().at(-1)).toBe("? Review the change (interrupted)\n");
    expectClean(t);
  });

  it("renders yes/no as a two-option menu", async () => {
    const t = setup();
    const pending = t.interviewer.ask(deploy);
    await t.press(DOWN, ENTER);
    expect(await pending).toEqual({ value: "no" });
    expect(t.frames()[0]).toContain("? Deploy?\n> [Y] Yes\n  [N] No\n");
    expect(t.frames().at(-1)).toBe("? Deploy? › No\n");
  });

  it("answers a confirmation with its accelerator key, and highlights a 'no' default", async () => {
    const t = setup();
    const pending = t.interviewer.ask({ ...deploy, type: "confirmation", default: { value: "no" } });
    await t.press("y");
    expect(await pending).toEqual({ value: "yes" });
    expect(t.frames()[0]).toContain("  [Y] Yes\n> [N] No");
  });

  it("reads a line for a freeform question, with backspace", async () => {
    const t = setup();
    const pending = t.interviewer.ask(notes);
    await t.press("shipp", BACKSPACE, " it", ENTER);
    expect(await pending).toEqual({ value: "ship it", text: "ship it" });
    expect(t.frames().some((f) => f.startsWith("? Any notes?\n> ship it "))).toBe(true);
    expect(t.frames().at(-1)).toBe("? Any notes? › ship it\n");
    expectClean(t);
  });

  it("answers the default to an empty freeform line", async () => {
    const t = setup();
    const pending = t.interviewer.ask({ ...notes, default: { value: "none", text: "none" } });
    await t.press(ENTER);
    expect(await pending).toEqual({ value: "none", text: "none" });
  });

  it("§6.5: shows a countdown and resolves the default when timeoutMs elapses", async () => {
    const t = setup({ tickMs: 10 });
    const fallback: Answer = { value: "A", selectedOption: options[0] };
    const answer = await t.interviewer.ask({ ...review, timeoutMs: 60, default: fallback });
    expect(answer).toEqual(fallback);
    const frames = t.frames();
    expect(frames[0]).toContain("1s left, then default: Approve");
    expect(frames.length).toBeGreaterThan(2); // redrawn by the countdown
    expect(frames.at(-1)).toBe("? Review the change (timed out: Approve)\n");
    expect(t.input.rawModeCalls).toEqual([true, false]);
    expectClean(t);
  });

  it("§6.5: resolves { value: 'timeout' } when timeoutMs elapses without a default", async () => {
    const t = setup();
    expect(await t.interviewer.ask({ ...deploy, timeoutMs: 20 })).toEqual({ value: "timeout" });
    expect(t.frames()[0]).toContain("then timeout");
    expect(t.frames().at(-1)).toBe("? Deploy? (timed out)\n");
    expectClean(t);
  });

  it("rejects with the abort reason when the run is cancelled, and restores the terminal", async () => {
    const t = setup();
    const controller = new AbortController();
    const pending = t.interviewer.ask(review, controller.signal);
    await until(() => t.input.listenerCount("data") > 0);
    controller.abort(new Error("run cancelled"));
    await expect(pending).rejects.toThrow("run cancelled");
    expect(t.frames().at(-1)).toBe("? Review the change (cancelled)\n");
    expectClean(t);
  });

  it("leaves the terminal alone when the signal is already aborted", async () => {
    const t = setup();
    await expect(t.interviewer.ask(review, AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
    expect(t.raw()).toBe("");
    expect(t.input.rawModeCalls).toEqual([]);
  });

  it("resolves skipped at end of input", async () => {
    const t = setup();
    const pending = t.interviewer.ask(review);
    await until(() => t.input.listenerCount("data") > 0);
    t.input.end();
    expect(await pending).toEqual({ value: "skipped" });
    expectClean(t);
  });

  it("resolves skipped at once when the input had already ended", async () => {
    const t = setup();
    t.input.end();
    t.input.resume();
    await until(() => t.input.readableEnded);
    expect(await t.interviewer.ask(review)).toEqual({ value: "skipped" });
    expect(t.input.rawModeCalls).toEqual([]);
  });

  it("puts raw mode back as it was when it was already on", async () => {
    const t = setup({ isRaw: true });
    const pending = t.interviewer.ask(review);
    await t.press(ENTER);
    await pending;
    expect(t.input.rawModeCalls).toEqual([true, true]);
    expectClean(t, true);
  });

  it("does not touch raw mode when the input is not a TTY", async () => {
    const t = setup({ isTTY: false });
    const pending = t.interviewer.ask(review);
    await t.press("r");
    expect((await pending).value).toBe("R");
    expect(t.input.rawModeCalls).toEqual([]);
  });

  it("shows concurrent questions one at a time and askMultiple answers in order", async () => {
    const t = setup();
    const pending = t.interviewer.askMultiple([review, deploy]);
    await t.press("a");
    await until(() => stripAnsi(t.raw()).includes("? Deploy?"));
    await t.press("n");
    expect((await pending).map((a) => a.value)).toEqual(["A", "no"]);
    expect(t.input.rawModeCalls).toEqual([true, false, true, false]);
  });

  it("prints inform messages above the menu and redraws it", async () => {
    const t = setup();
    const pending = t.interviewer.ask(review);
    await until(() => t.input.listenerCount("data") > 0);
    t.interviewer.inform("Tests passed", "test");
    expect(t.frames().at(-1)).toBe(`i (test) Tests passed\n${t.frames()[0]}`);
    await t.press(ENTER);
    await pending;
  });

  it("does not call onInterrupt for other keys", async () => {
    const onInterrupt = vi.fn();
    const t = setup({ onInterrupt });
    const pending = t.interviewer.ask(review);
    await t.press("x", ENTER);
    await pending;
    expect(onInterrupt).not.toHaveBeenCalled();
  });
});
