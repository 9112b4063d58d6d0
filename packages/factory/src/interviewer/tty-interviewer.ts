/**
 * TtyInterviewer: the interactive terminal frontend of `factory run` (attractor-spec §6), a
 * vertical menu driven by arrow keys and accelerator keys in raw mode.
 * @module
 */
import {
  type Answer,
  answerForOption,
  askSequentially,
  type Interviewer,
  type Question,
  QuestionQueue,
  stripAcceleratorPrefix,
} from "@darkfactory/attractor";

/** The input a TtyInterviewer reads keys from (`process.stdin` in the CLI). */
export interface TtyInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** The output a TtyInterviewer draws on (`process.stdout` or `process.stderr`). */
export interface TtyOutput extends NodeJS.WritableStream {
  /** Terminal width in columns, used to count wrapped rows when redrawing. */
  columns?: number;
}

/** Options of {@link TtyInterviewer}. */
export interface TtyInterviewerOptions {
  input: TtyInput;
  output: TtyOutput;
  /**
   * Called after Ctrl-C, once the terminal is restored and the pending `ask` has rejected.
   * Typically aborts the run. Must not throw (a throw is ignored). The interviewer never calls
   * `process.exit`.
   */
  onInterrupt?: () => void;
  /** Use ANSI colours. Default true (cursor movement codes are always used). */
  color?: boolean;
  /** How often the countdown is redrawn, in milliseconds. Default 1000. */
  tickMs?: number;
}

/** A selectable row of the menu. */
interface Choice {
  key: string;
  label: string;
  answer: Answer;
}

type Key =
  | { name: "up" | "down" | "enter" | "escape" | "ctrl-c" | "ctrl-d" | "backspace" | "other" }
  | { name: "char"; char: string };

/** How a question ended, for the summary line. */
type Ending =
  | { kind: "answered"; answer: Answer; shown: string }
  | { kind: "skipped" | "interrupted" | "cancelled" | "failed" }
  | { kind: "timed_out" };

const ESC = "\u001b";
const HIDE_CURSOR = `${ESC}[?25l`;
const SHOW_CURSOR = `${ESC}[?25h`;
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * Asks questions as an interactive menu on a terminal.
 *
 * - `multiple_choice`: one row per option (`[K] label`, accelerator prefix stripped from the
 *   label). Up/Down (or `k`/`j` when no option uses that key) move the highlight, which starts on
 *   the default's option; Enter selects it; an option's key (case-insensitive) or its 1-based
 *   number selects at once (a key several options share only moves the highlight among them).
 *   Resolves `{ value: key, selectedOption }`.
 * - `yes_no`/`confirmation`: the same menu with `[Y] Yes` and `[N] No`; resolves `yes`/`no`.
 * - `freeform` (and multiple choice without options): a line editor (Backspace edits, Enter
 *   submits); resolves `{ value: text, text }`, or the default when the line is empty.
 * - Escape (or Ctrl-D, or end of input) resolves `{ value: "skipped" }`.
 * - Ctrl-C restores the terminal, rejects with a `DOMException` named `AbortError`, then calls
 *   `onInterrupt`.
 * - With `question.timeoutMs`, a countdown is shown and, when it elapses, resolves the default
 *   or `{ value: "timeout" }` (attractor-spec §6.5). An aborted `signal` rejects with its reason.
 *
 * Raw mode is switched on while a question is shown (when the input is a TTY) and put back as it
 * was, the cursor is shown again, timers are cleared and listeners removed on every exit path.
 * Keys typed after the selecting key in the same chunk are dropped. Concurrent asks are shown one
 * at a time. Use `ConsoleInterviewer` (from `@darkfactory/attractor`) when the input is not a terminal.
 */
export class TtyInterviewer implements Interviewer {
  readonly #input: TtyInput;
  readonly #output: TtyOutput;
  readonly #onInterrupt: (() => void) | undefined;
  readonly #color: boolean;
  readonly #tickMs: number;
  readonly #queue = new QuestionQueue();
  /** Redraws the visible menu after an `inform` message; set while a question is shown. */
  #redraw: (() => void) | undefined;
  /** Terminal rows the visible frame occupies. */
  #rows = 0;

  constructor(options: TtyInterviewerOptions) {
    this.#input = options.input;
    this.#output = options.output;
    this.#onInterrupt = options.onInterrupt;
    this.#color = options.color ?? true;
    this.#tickMs = Math.max(10, options.tickMs ?? 1000);
  }

  ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    return this.#queue.ask(question, (q, inner) => this.#present(q, inner), signal);
  }

  askMultiple(questions: Question[], signal?: AbortSignal): Promise<Answer[]> {
    return askSequentially(this, questions, signal);
  }

  /** Prints `i (<stage>) <message>` above the menu when one is shown. */
  inform(message: string, stage: string): void {
    this.#erase();
    this.#output.write(`${this.#paint("2", "i")} ${stage ? `(${stage}) ` : ""}${message}\n`);
    this.#redraw?.();
  }

  #present(question: Question, signal: AbortSignal): Promise<Answer> {
    const input = this.#input;
    const choices = choicesFor(question);
    const timeoutMs = question.timeoutMs;
    const timed = timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs >= 0;
    const deadline = timed ? Date.now() + timeoutMs : undefined;
    let highlight = Math.max(0, choices?.findIndex((c) => c.answer.value === question.default?.value) ?? 0);
    let text = "";
    const decoder = new TextDecoder();
    const wasRaw = input.isRaw === true;
    const raw = input.isTTY === true && typeof input.setRawMode === "function";

    // An input that already ended can never answer (and will not emit `end` again).
    if ((input as { readableEnded?: boolean }).readableEnded) return Promise.resolve({ value: "skipped" });

    return new Promise<Answer>((resolve, reject) => {
      let ticker: ReturnType<typeof setInterval> | undefined;
      let done = false;
      const draw = (): void => {
        this.#erase();
        this.#draw(this.#frame(question, choices, highlight, text, deadline));
      };
      const finish = (ending: Ending): void => {
        done = true;
        if (ticker !== undefined) clearInterval(ticker);
        input.removeListener("data", onData);
        input.removeListener("end", onEnd);
        input.removeListener("error", onError);
        signal.removeEventListener("abort", onAbort);
        this.#redraw = undefined;
        try {
          this.#erase();
          this.#output.write(`${this.#summary(question, ending)}\n${SHOW_CURSOR}`);
        } finally {
          if (raw) input.setRawMode!(wasRaw);
          input.pause();
        }
      };
      const answer = (result: Answer, shown: string): void => {
        finish({ kind: "answered", answer: result, shown });
        resolve(result);
      };
      const onKey = (key: Key): void => {
        if (key.name === "ctrl-c") {
          finish({ kind: "interrupted" });
          reject(new DOMException("interrupted by the user (Ctrl-C)", "AbortError"));
          this.#onInterrupt?.();
        } else if (key.name === "escape" || (key.name === "ctrl-d" && text === "")) {
          finish({ kind: "skipped" });
          resolve({ value: "skipped" });
        } else if (choices) {
          const picked = pick(choices, key, highlight);
          if (typeof picked === "number") highlight = picked;
          else if (picked) answer(picked.answer, picked.label);
        } else if (key.name === "enter") {
          if (text === "" && question.default)
            answer(question.default, question.default.text ?? question.default.value);
          else answer({ value: text, text }, text);
        } else if (key.name === "backspace") {
          text = Array.from(text).slice(0, -1).join("");
        } else if (key.name === "char") {
          text += key.char;
        }
      };
      const onData = (chunk: string | Uint8Array): void => {
        try {
          const keys = parseKeys(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
          for (const key of keys) {
            onKey(key);
            if (done) return;
          }
          draw();
        } catch (error) {
          if (!done) finish({ kind: "failed" });
          reject(error);
        }
      };
      const onEnd = (): void => {
        finish({ kind: "skipped" });
        resolve({ value: "skipped" });
      };
      const onError = (error: unknown): void => {
        finish({ kind: "failed" });
        reject(error);
      };
      const onAbort = (): void => {
        const timedOut = (signal.reason as { name?: unknown } | undefined)?.name === "TimeoutError";
        finish({ kind: timedOut ? "timed_out" : "cancelled" });
        reject(signal.reason);
      };

      try {
        if (raw) input.setRawMode!(true);
        this.#output.write(HIDE_CURSOR);
        this.#rows = 0;
        draw();
        this.#redraw = draw;
        if (deadline !== undefined) ticker = setInterval(draw, this.#tickMs);
        signal.addEventListener("abort", onAbort, { once: true });
        input.on("data", onData);
        input.on("end", onEnd);
        input.on("error", onError);
        input.resume();
      } catch (error) {
        finish({ kind: "failed" });
        reject(error);
      }
    });
  }

  /** The lines of the menu (no trailing newline). */
  #frame(question: Question, choices: Choice[] | undefined, highlight: number, text: string, deadline?: number) {
    const lines = [`${this.#paint("1;36", "?")} ${this.#paint("1", question.text)}`];
    if (choices) {
      choices.forEach((c, i) => {
        const row = `[${c.key}] ${c.label}`;
        lines.push(i === highlight ? this.#paint("36", `> ${row}`) : `  ${row}`);
      });
      const keys = choices.map((c) => c.key).join("/");
      lines.push(this.#paint("2", `  up/down to move, enter to select, ${keys} to choose, esc to skip`));
    } else {
      lines.push(`${this.#paint("36", ">")} ${text}${this.#paint("7", " ")}`);
      lines.push(this.#paint("2", "  enter to submit, esc to skip"));
    }
    if (deadline !== undefined) {
      const seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      const then = question.default ? `default: ${describeAnswer(question.default, choices)}` : "timeout";
      lines.push(this.#paint("33", `  ${seconds}s left, then ${then}`));
    }
    return lines;
  }

  #summary(question: Question, ending: Ending): string {
    const head = `${this.#paint("1;32", "?")} ${question.text}`;
    switch (ending.kind) {
      case "answered":
        return `${head} ${this.#paint("2", "›")} ${this.#paint("36", ending.shown)}`;
      case "timed_out": {
        const d = question.default;
        return `${head} ${this.#paint("33", d ? `(timed out: ${describeAnswer(d, choicesFor(question))})` : "(timed out)")}`;
      }
      case "skipped":
      case "interrupted":
      case "cancelled":
      case "failed":
        return `${head} ${this.#paint("33", `(${ending.kind})`)}`;
      default: {
        const never: never = ending;
        return String(never);
      }
    }
  }

  #draw(lines: string[]): void {
    this.#output.write(lines.join("\n"));
    const columns = this.#output.columns && this.#output.columns > 0 ? this.#output.columns : Number.POSITIVE_INFINITY;
    this.#rows = lines.reduce((sum, l) => sum + Math.max(1, Math.ceil(visibleWidth(l) / columns)), 0);
  }

  /** Clears the frame drawn last and leaves the cursor at its first column. */
  #erase(): void {
    if (this.#rows === 0) return;
    const up = this.#rows - 1;
    this.#output.write(`\r${up > 0 ? `${ESC}[${up}A` : ""}${ESC}[0J`);
    this.#rows = 0;
  }

  #paint(code: string, text: string): string {
    return this.#color ? `${ESC}[${code}m${text}${ESC}[0m` : text;
  }
}

/** The menu rows of a question, or `undefined` for a free-text question. */
function choicesFor(question: Question): Choice[] | undefined {
  switch (question.type) {
    case "multiple_choice":
      if (question.options.length === 0) return undefined;
      return question.options.map((o) => ({
        key: o.key,
        label: stripAcceleratorPrefix(o.label) || o.label,
        answer: answerForOption(o),
      }));
    case "yes_no":
    case "confirmation":
      return [
        { key: "Y", label: "Yes", answer: { value: "yes" } },
        { key: "N", label: "No", answer: { value: "no" } },
      ];
    case "freeform":
      return undefined;
    default: {
      const never: never = question.type;
      throw new TypeError(`unknown question type ${String(never)}`);
    }
  }
}

/**
 * What a key does in a menu: a new highlight index, the selected choice, or nothing.
 * Accelerator keys win over the `j`/`k` movement keys.
 */
function pick(choices: Choice[], key: Key, highlight: number): number | Choice | undefined {
  const n = choices.length;
  if (key.name === "enter") return choices[highlight];
  if (key.name === "up") return (highlight - 1 + n) % n;
  if (key.name === "down") return (highlight + 1) % n;
  if (key.name !== "char") return undefined;
  const upper = key.char.toUpperCase();
  const byKey = choices.flatMap((c, i) => (c.key.toUpperCase() === upper ? [i] : []));
  if (byKey.length === 1) return choices[byKey[0]!];
  // A key several options share moves the highlight to the next of them instead of selecting.
  if (byKey.length > 1) return byKey.find((i) => i > highlight) ?? byKey[0];
  if (upper === "K") return (highlight - 1 + n) % n;
  if (upper === "J") return (highlight + 1) % n;
  if (/^[1-9]$/.test(key.char) && Number(key.char) <= n) return choices[Number(key.char) - 1];
  return undefined;
}

/** Splits raw-mode input into keys: CSI/SS3 arrows, Enter, Escape, control keys, characters. */
function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  const chars = Array.from(data);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ESC) {
      const next = chars[i + 1];
      if (next === "[" || next === "O") {
        let j = i + 2;
        while (j < chars.length && /[0-9;]/.test(chars[j]!)) j++;
        const final = chars[j];
        keys.push(final === "A" ? { name: "up" } : final === "B" ? { name: "down" } : { name: "other" });
        i = j;
      } else if (next === undefined || next === ESC) {
        keys.push({ name: "escape" });
      } else {
        keys.push({ name: "other" }); // Alt+key
        i++;
      }
    } else if (c === "\r" || c === "\n") {
      keys.push({ name: "enter" });
      if (c === "\r" && chars[i + 1] === "\n") i++;
    } else if (c === "\u0003") keys.push({ name: "ctrl-c" });
    else if (c === "\u0004") keys.push({ name: "ctrl-d" });
    else if (c === "\u007f" || c === "\b") keys.push({ name: "backspace" });
    else if (c < " ") keys.push({ name: "other" });
    else keys.push({ name: "char", char: c });
  }
  return keys;
}

/** How an answer reads in the countdown and summary: its option label, else its text or value. */
function describeAnswer(answer: Answer, choices: Choice[] | undefined): string {
  return choices?.find((c) => c.answer.value === answer.value)?.label ?? answer.text ?? answer.value;
}

function visibleWidth(line: string): number {
  return Array.from(line.replace(ANSI, "")).length;
}
