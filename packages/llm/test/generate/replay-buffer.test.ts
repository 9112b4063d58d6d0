import { describe, expect, it } from "vitest";
import { ReplayBuffer } from "../../src/generate/replay-buffer.js";
import { collect } from "../helpers/fake-adapter.js";

describe("ReplayBuffer", () => {
  it("every iterator sees every item from the start, including late ones", async () => {
    const buffer = new ReplayBuffer<number>();
    const early = collect(buffer);
    buffer.push(1);
    buffer.push(2);
    const late = collect(buffer);
    buffer.push(3);
    buffer.close();
    expect(await early).toEqual([1, 2, 3]);
    expect(await late).toEqual([1, 2, 3]);
    expect(await collect(buffer)).toEqual([1, 2, 3]);
    expect(buffer.size).toBe(3);
  });

  it("fail makes iterators throw after the items", async () => {
    const buffer = new ReplayBuffer<string>();
    buffer.push("a");
    buffer.fail(new Error("boom"));
    buffer.push("ignored");
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const x of buffer) seen.push(x);
      })(),
    ).rejects.toThrow("boom");
    expect(seen).toEqual(["a"]);
  });

  it("breaking out of one iteration does not affect the others", async () => {
    const buffer = new ReplayBuffer<number>();
    for (const n of [1, 2, 3]) buffer.push(n);
    buffer.close();
    for await (const n of buffer) if (n === 1) break;
    expect(await collect(buffer)).toEqual([1, 2, 3]);
    const it = buffer[Symbol.asyncIterator]();
    await it.return?.();
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });
});
