/**
 * ConsoleInterviewer (attractor-spec §6.4): line-based prompts on a pair of streams (stdin and
 * stdout in the CLI, PassThrough streams in tests).
 * @module
 */
import { formatDuration } from "../model/duration.js";
import { stripAcceleratorPrefix } from "../model/labels.js";
import { askSequentially } from "./ask-multiple.js";
import { answerForOption, findMatchingOption, parseYesNo } from "./option-matching.js";
import { QuestionQueue } from "./timeout.js";
import type { Answer, Interviewer, Question } from "./types.js";

/** Options of {@link ConsoleInterviewer}. */
export interface ConsoleInterviewerOptions {
  /** Where answers are read from, one per line (`\n` or `\r\n`). Never closed by the interviewer. */
  input: NodeJS.ReadableStream;
  /** Where prompts are written. Never closed by the interviewer. */
  output: NodeJS.WritableStream;
  /** How many times an unrecognised answer is asked again before resolving `skipped`. Default 3. */
  maxReasks?: number;
}

/**
 * Asks on a text console (attractor-spec §6.4). Writes `[?] <text>`, then for multiple choice one
 * `  [K] <label>` line per option (the label without its accelerator prefix) and `Select: `; for
 * `yes_no`/`confirmation` `[Y/N]: `; for `freeform` (and multiple choice without options) `> `.
 *
 * Reads one line per attempt and answers:
 * - multiple choice: the option matched by key, normalized label or 1-based number
 *   ({@link findMatchingOption}) → `{ value: key, selectedOption }`;
 * - yes/no: `y`/`yes`/`n`/`no` → `{ value: "yes" | "no" }`;
 * - freeform: `{ value: line, text: line }`.
 *
 * An empty line selects `question.default` when set. An unrecognised line is reported and asked
 * again up to `maxReasks` times, then resolves `{ value: "skipped" }`; end of input also resolves
 * `skipped`. After `question.timeoutMs` ms resolves the default, else `{ value: "timeout" }`. An
 * aborted `signal` rejects with `signal.reason`; an input `error` rejects with that error.
 *
 * Questions asked concurrently are presented one at a time, in call order (each deadline starts
 * when its question is shown). Between questions the input is paused, no listener is left on it,
 * and an input with `ref`/`unref` (a socket such as `process.stdin`, even an open pipe) is
 * un-referenced, so an interviewer that is not waiting never keeps the process alive; it is
 * referenced again while the next question waits. Lines typed ahead are kept for the next question.
 */
export class ConsoleInterviewer implements Interviewer {
  readonly #input: NodeJS.ReadableStream;
  readonly #output: NodeJS.WritableStream;
  readonly #maxReasks: number;
  readonly #decoder = new TextDecoder();
  /** Decoded input not yet consumed as a line. */
  #buffer = "";
  #ended = false;
  /** Settles when the question being presented is done; serializes concurrent asks. */
  readonly #queue = new QuestionQueue();

  constructor(options: ConsoleInterviewerOptions) {
    this.#input = options.input;
    this.#output = options.output;
    this.#maxReasks = Math.max(0, options.maxReasks ?? 3);
  }

  ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    return this.#queue.ask(question, (q, inner) => this.#present(q, inner), signal);
  }

  askMultiple(questions: Question[], signal?: AbortSignal): Promise<Answer[]> {
    return askSequentially(this, questions, signal);
  }

  /** Writes `[i] (<stage>) <message>`, or `[i] <message>` when `stage` is empty. */
  inform(message: string, stage: string): void {
    this.#write(stage ? `[i] (${stage}) ${message}\n` : `[i] ${message}\n`);
  }

  async #present(question: Question, signal: AbortSignal): Promise<Answer> {
    const onAbort = (): void => {
      if ((signal.reason as { name?: unknown } | undefined)?.name !== "TimeoutError") return;
      const fallback = question.default ? `using the default (${question.default.value})` : "no default";
      this.#write(`\n[!] No answer within ${formatDuration(question.timeoutMs ?? 0)}: ${fallback}.\n`);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      return await this.#converse(question, signal);
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }

  async #converse(question: Question, signal: AbortSignal): Promise<Answer> {
    const { prompt, parse, hint } = this.#form(question);
    this.#write(`[?] ${question.text}\n`);
    if (question.type === "multiple_choice") {
      for (const option of question.options) {
        this.#write(`  [${option.key}] ${stripAcceleratorPrefix(option.label) || option.label}\n`);
      }
    }
    const suffix = question.default ? `(default: ${question.default.value}) ` : "";
    for (let attempt = 0; attempt <= this.#maxReasks; attempt++) {
      this.#write(prompt + suffix);
      const line = await this.#readLine(signal);
      if (line === undefined) {
        this.#write("\n");
        return { value: "skipped" };
      }
      if (line.trim() === "" && question.default) return question.default;
      const answer = parse(line);
      if (answer) return answer;
      this.#write(`Unrecognised answer "${line.trim()}". ${hint}\n`);
    }
    this.#write("[!] No valid answer: skipped.\n");
    return { value: "skipped" };
  }

  /** The prompt, the line parser and the re-ask hint for a question type. */
  #form(question: Question): { prompt: string; parse: (line: string) => Answer | undefined; hint: string } {
    switch (question.type) {
      case "multiple_choice":
        if (question.options.length > 0) {
          const options = question.options;
          return {
            prompt: "Select: ",
            parse: (line) => {
              const option = findMatchingOption(line, options);
              return option ? answerForOption(option) : undefined;
            },
            hint: `Type a key (${options.map((o) => o.key).join(", ")}), a label or a number.`,
          };
        }
        return freeform;
      case "yes_no":
      case "confirmation":
        return {
          prompt: "[Y/N]: ",
          parse: (line) => {
            const value = parseYesNo(line);
            return value ? { value } : undefined;
          },
          hint: "Type y or n.",
        };
      case "freeform":
        return freeform;
      default: {
        const never: never = question.type;
        throw new TypeError(`unknown question type ${String(never)}`);
      }
    }
  }

  /**
   * The next line without its terminator, or `undefined` at end of input. Listens to the input
   * only while waiting, and pauses it afterwards. Rejects with `signal.reason` when aborted.
   */
  #readLine(signal: AbortSignal): Promise<string | undefined> {
    const ready = this.#takeLine();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.#ended || (this.#input as { readableEnded?: boolean }).readableEnded)
      return Promise.resolve(this.#takeRest());
    const input = this.#input;
    return new Promise<string | undefined>((resolve, reject) => {
      const cleanup = (): void => {
        input.removeListener("data", onData);
        input.removeListener("end", onEnd);
        input.removeListener("error", onError);
        signal.removeEventListener("abort", onAbort);
        input.pause();
        (input as Refable).unref?.();
      };
      const onData = (chunk: string | Uint8Array): void => {
        this.#buffer += typeof chunk === "string" ? chunk : this.#decoder.decode(chunk, { stream: true });
        const line = this.#takeLine();
        if (line === undefined) return;
        cleanup();
        resolve(line);
      };
      const onEnd = (): void => {
        this.#ended = true;
        cleanup();
        resolve(this.#takeRest());
      };
      const onError = (error: unknown): void => {
        cleanup();
        reject(error);
      };
      const onAbort = (): void => {
        cleanup();
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      input.on("data", onData);
      input.on("end", onEnd);
      input.on("error", onError);
      (input as Refable).ref?.();
      input.resume();
    });
  }

  #takeLine(): string | undefined {
    const newline = this.#buffer.indexOf("\n");
    if (newline < 0) return undefined;
    const line = this.#buffer.slice(0, newline);
    this.#buffer = this.#buffer.slice(newline + 1);
    return line.endsWith("\r") ? line.slice(0, -1) : line;
  }

  /** At end of input: the unterminated last line, or `undefined` when nothing is left. */
  #takeRest(): string | undefined {
    const rest = this.#buffer + this.#decoder.decode();
    this.#buffer = "";
    return rest === "" ? undefined : rest;
  }

  #write(text: string): void {
    this.#output.write(text);
  }
}

/** A socket-backed input (`process.stdin`) can be un-referenced from the event loop. */
interface Refable {
  ref?(): unknown;
  unref?(): unknown;
}

const freeform = {
  prompt: "> ",
  parse: (line: string): Answer => ({ value: line, text: line }),
  hint: "",
};
