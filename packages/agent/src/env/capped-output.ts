/**
 * A byte sink that keeps the head and the tail of a stream and counts the rest, so a command that
 * prints gigabytes costs a bounded amount of memory (coding-agent-loop-spec §4.2, §5.1).
 * @module
 */

/** Keeps the first `maxBytes / 2` and the last `maxBytes / 2` bytes written to it. */
export class CappedOutput {
  readonly #headCap: number;
  readonly #tailCap: number;
  #head: Buffer[] = [];
  #headBytes = 0;
  #tail: Buffer[] = [];
  #tailBytes = 0;
  /** Bytes written in all, kept or not. */
  totalBytes = 0;

  /** @param maxBytes bytes kept at most (half head, half tail); default 4 MiB. */
  constructor(maxBytes = 4 * 1024 * 1024) {
    this.#headCap = Math.floor(maxBytes / 2);
    this.#tailCap = maxBytes - this.#headCap;
  }

  write(chunk: Buffer): void {
    this.totalBytes += chunk.length;
    let rest = chunk;
    if (this.#headBytes < this.#headCap) {
      const take = Math.min(this.#headCap - this.#headBytes, rest.length);
      this.#head.push(rest.subarray(0, take));
      this.#headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    this.#tail.push(rest);
    this.#tailBytes += rest.length;
    while (this.#tail.length > 1 && this.#tailBytes - this.#tail[0].length >= this.#tailCap) {
      this.#tailBytes -= this.#tail.shift()!.length;
    }
  }

  /**
   * The kept text, UTF-8 decoded. When bytes were dropped a marker line stands where they were:
   * `[... N bytes of <label> omitted (M bytes in total) ...]`.
   */
  text(label: string): string {
    const head = Buffer.concat(this.#head).toString("utf8");
    const tailBuffer = Buffer.concat(this.#tail);
    const tail = tailBuffer.subarray(Math.max(0, tailBuffer.length - this.#tailCap));
    const omitted = this.totalBytes - this.#headBytes - tail.length;
    if (omitted <= 0) return head + tail.toString("utf8");
    const marker = `\n[... ${omitted} bytes of ${label} omitted (${this.totalBytes} bytes in total) ...]\n`;
    return head + marker + tail.toString("utf8");
  }
}
