import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConsoleInterviewer } from "../../src/interviewer/console-interviewer.js";
import type { Question } from "../../src/interviewer/types.js";
import { type ConsoleIo, consoleIo, count, until } from "../helpers/console-io.js";

const review: Question = {
  id: "review-1",
  text: "Review the change",
  type: "multiple_choice",
  options: [
    { key: "A", label: "[A] Approve" },
    { key: "R", label: "[R] Request changes" },
  ],
  stage: "review",
};
const deploy: Question = { id: "deploy", text: "Deploy?", type: "yes_no", options: [], stage: "gate" };
const notes: Question = { id: "notes", text: "Any notes?", type: "freeform", options: [], stage: "notes" };

function setup(maxReasks?: number): ConsoleIo & { interviewer: ConsoleInterviewer } {
  const io = consoleIo();
  return { ...io, interviewer: new ConsoleInterviewer({ input: io.input, output: io.output, maxReasks }) };
}

/** True when the interviewer left nothing listening on its input. */
function released(io: ConsoleIo): boolean {
  return (
    io.input.listenerCount("data") === 0 &&
    io.input.listenerCount("end") === 0 &&
    io.input.listenerCount("error") === 0 &&
    io.input.isPaused()
  );
}

describe("ConsoleInterviewer (attractor-spec §6.4)", () => {
  it("§11.8: ConsoleInterviewer prompts in terminal and reads user input", async () => {
    const { interviewer, text, type } = setup();
    const pending = interviewer.ask(review);
    await until(() => text().endsWith("Select: "));
    expect(text()).toBe("[?] Review the change\n  [A] Approve\n  [R] Request changes\nSelect: ");
    type("r");
    expect(await pending).toEqual({ value: "R", selectedOption: review.options[1] });
  });

  it.each([
    ["A", "A"],
    ["approve", "A"],
    ["[R] Request Changes", "R"],
    ["2", "R"],
  ])("selects an option from %j", async (line, key) => {
    const { interviewer, type } = setup();
    type(line);
    expect((await interviewer.ask(review)).value).toBe(key);
  });

  it("re-asks on an unrecognised answer and accepts a valid one on the third re-ask", async () => {
    const { interviewer, text, type } = setup();
    for (const line of ["x", "maybe", "9", "a"]) type(line);
    expect((await interviewer.ask(review)).value).toBe("A");
    expect(count(text(), "Select: ")).toBe(4);
    expect(text()).toContain('Unrecognised answer "maybe". Type a key (A, R), a label or a number.');
  });

  it("resolves skipped after 3 unrecognised re-asks", async () => {
    const { interviewer, text, type } = setup();
    for (const line of ["x", "x", "x", "x", "a"]) type(line);
    expect(await interviewer.ask(review)).toEqual({ value: "skipped" });
    expect(count(text(), "Unrecognised answer")).toBe(4);
    expect(text()).toContain("[!] No valid answer: skipped.");
    // The line after the last attempt is left for the next question.
    expect((await interviewer.ask(review)).value).toBe("A");
  });

  it("honours maxReasks", async () => {
    const { interviewer, text, type } = setup(0);
    type("x");
    expect(await interviewer.ask(review)).toEqual({ value: "skipped" });
    expect(count(text(), "Select: ")).toBe(1);
  });

  it("reads y/yes/n/no for yes/no questions and re-asks otherwise", async () => {
    const { interviewer, text, type } = setup();
    for (const line of ["YES", "n", "perhaps", "No"]) type(line);
    expect(await interviewer.ask(deploy)).toEqual({ value: "yes" });
    expect(await interviewer.ask(deploy)).toEqual({ value: "no" });
    expect(await interviewer.ask({ ...deploy, type: "confirmation" })).toEqual({ value: "no" });
    expect(text()).toContain("[?] Deploy?\n[Y/N]: ");
    expect(text()).toContain('Unrecognised answer "perhaps". Type y or n.');
  });

  it("returns freeform text as typed", async () => {
    const { interviewer, text, type } = setup();
    type("  looks good, ship it ");
    expect(await interviewer.ask(notes)).toEqual({ value: "  looks good, ship it ", text: "  looks good, ship it " });
    expect(text()).toBe("[?] Any notes?\n> ");
  });

  it("treats a multiple-choice question without options as freeform", async () => {
    const { interviewer, type } = setup();
    type("anything");
    expect(await interviewer.ask({ ...review, options: [] })).toEqual({ value: "anything", text: "anything" });
  });

  it("selects the default on an empty line and shows it in the prompt", async () => {
    const { interviewer, text, type } = setup();
    type("");
    const fallback = { value: "R", selectedOption: review.options[1] };
    expect(await interviewer.ask({ ...review, default: fallback })).toEqual(fallback);
    expect(text()).toContain("Select: (default: R) ");
  });

  it("accepts \\r\\n line endings and lines split across chunks", async () => {
    const { interviewer, input } = setup();
    const pending = interviewer.ask(review);
    input.write("requ");
    input.write("est changes\r");
    input.write("\n");
    expect((await pending).value).toBe("R");
  });

  it("keeps lines typed ahead for the next questions", async () => {
    const { interviewer, input } = setup();
    input.write("a\ny\nnotes here\n");
    expect((await interviewer.ask(review)).value).toBe("A");
    expect((await interviewer.ask(deploy)).value).toBe("yes");
    expect((await interviewer.ask(notes)).text).toBe("notes here");
  });

  it("resolves skipped at end of input, using an unterminated last line first", async () => {
    const { interviewer, input } = setup();
    input.end("r");
    expect((await interviewer.ask(review)).value).toBe("R");
    expect(await interviewer.ask(review)).toEqual({ value: "skipped" });
    expect(await interviewer.ask(deploy)).toEqual({ value: "skipped" });
  });

  it("§6.5: on timeout resolves the default, says so, and releases the input", async () => {
    const io = setup();
    const fallback = { value: "A", selectedOption: review.options[0] };
    expect(await io.interviewer.ask({ ...review, timeoutMs: 20, default: fallback })).toEqual(fallback);
    expect(io.text()).toContain("[!] No answer within 20ms: using the default (A).");
    expect(released(io)).toBe(true);
  });

  it("§6.5: on timeout without a default resolves { value: 'timeout' }", async () => {
    const io = setup();
    expect(await io.interviewer.ask({ ...deploy, timeoutMs: 10 })).toEqual({ value: "timeout" });
    expect(io.text()).toContain("no default.");
  });

  it("rejects with the abort reason when cancelled and releases the input", async () => {
    const io = setup();
    const controller = new AbortController();
    const pending = io.interviewer.ask(review, controller.signal);
    await until(() => io.text().endsWith("Select: "));
    controller.abort(new Error("run cancelled"));
    await expect(pending).rejects.toThrow("run cancelled");
    expect(released(io)).toBe(true);
  });

  it("rejects when the input fails", async () => {
    const io = setup();
    const pending = io.interviewer.ask(review);
    await until(() => io.input.listenerCount("error") > 0);
    io.input.destroy(new Error("EIO"));
    await expect(pending).rejects.toThrow("EIO");
  });

  it("releases the input (no listeners, paused) after each answer", async () => {
    const io = setup();
    const pending = io.interviewer.ask(review);
    await until(() => io.input.listenerCount("data") === 1);
    io.type("a");
    await pending;
    expect(released(io)).toBe(true);
  });

  it("presents concurrent questions one at a time, in call order", async () => {
    const io = setup();
    const first = io.interviewer.ask(review);
    const second = io.interviewer.ask(deploy);
    await until(() => io.text().endsWith("Select: "));
    expect(io.text()).not.toContain("Deploy?");
    io.type("a");
    await until(() => io.text().endsWith("[Y/N]: "));
    io.type("n");
    expect([(await first).value, (await second).value]).toEqual(["A", "no"]);
  });

  it("starts a queued question's deadline when it is shown", async () => {
    const io = setup();
    const first = io.interviewer.ask(review);
    const second = io.interviewer.ask({ ...deploy, timeoutMs: 30 });
    await new Promise((r) => setTimeout(r, 40));
    io.type("a");
    await first;
    await until(() => io.text().endsWith("[Y/N]: "));
    io.type("y");
    expect(await second).toEqual({ value: "yes" });
  });

  it("writes inform messages with their stage", () => {
    const io = setup();
    io.interviewer.inform("Tests passed", "test");
    io.interviewer.inform("Run started", "");
    expect(io.text()).toBe("[i] (test) Tests passed\n[i] Run started\n");
  });

  const dist = fileURLToPath(new URL("../../dist/interviewer/console-interviewer.js", import.meta.url));
  it.skipIf(!existsSync(dist))("does not keep the process alive after answering (built dist)", async () => {
    const script = `
      import { ConsoleInterviewer } from ${JSON.stringify(dist)};
      const interviewer = new ConsoleInterviewer({ input: process.stdin, output: process.stdout });
      const q = { id: "q", text: "Go?", type: "yes_no", options: [], stage: "s" };
      const first = await interviewer.ask(q);
      const second = await interviewer.ask(q);
      process.stdout.write("\\nANSWERS " + first.value + " " + second.value + "\\n");
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let secondSent = false;
    child.stdout.on("data", (c) => {
      out += c;
      // The second answer is typed only once the second prompt shows: the child must keep waiting.
      if (!secondSent && count(out, "[Y/N]: ") === 2) {
        secondSent = true;
        child.stdin.write("n\n");
      }
    });
    // stdin stays open: only the interviewer's cleanup lets the child exit.
    child.stdin.write("y\n");
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`child still running: ${out}`));
      }, 5000);
      child.on("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    child.stdin.destroy();
    expect(code).toBe(0);
    expect(out).toContain("ANSWERS yes no");
  });
});
