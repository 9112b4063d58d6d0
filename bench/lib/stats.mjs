/**
 * Timing helpers: warm-up then N timed runs with the median, min and max, forced GC between runs
 * when available, and heap deltas.
 * @module
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * The global `gc()` function: the one `--expose-gc` provides, else one obtained by setting the
 * flag at run time. Undefined when neither works (then runs are timed without forced GC).
 */
export function getGc() {
  if (typeof globalThis.gc === "function") return globalThis.gc;
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc");
    return typeof gc === "function" ? gc : undefined;
  } catch {
    return undefined;
  }
}

/** The median of `values` (mean of the two middle values for an even count); NaN when empty. */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Lets pending timers, I/O callbacks and process warnings run (a simulated run never yields). */
export function yieldToEventLoop() {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Times several variants of a measurement interleaved: each round runs every variant once, in an
 * order rotated by the round, so drift in machine load (other processes, disk writeback) touches
 * all variants alike. `warmup` rounds come first, untimed; then `runs` timed rounds.
 * A variant is `{ name, fn, setup?, teardown? }`: `setup(round)` runs before each call, untimed,
 * and its value is passed to `fn`; `teardown(setupValue, result)` runs after, untimed. The heap is
 * collected before each timed call when `gc` is given.
 * @returns a Map from variant name to `{ ms, min, max, samples, cpuMs }`: median, fastest and
 *   slowest wall time, and the median process CPU time (user + system), all in milliseconds
 * @throws whatever a variant's setup, fn or teardown throws
 */
export async function timeInterleaved(variants, { warmup = 1, runs = 7, gc } = {}) {
  const wall = new Map(variants.map((v) => [v.name, []]));
  const cpu = new Map(variants.map((v) => [v.name, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(round + k) % variants.length];
      const input = variant.setup ? await variant.setup(round) : undefined;
      await yieldToEventLoop();
      gc?.();
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      const result = await variant.fn(input);
      const elapsed = performance.now() - started;
      const cpuUsed = process.cpuUsage(cpuStart);
      if (variant.teardown) await variant.teardown(input, result);
      if (round >= warmup) {
        wall.get(variant.name).push(elapsed);
        cpu.get(variant.name).push((cpuUsed.user + cpuUsed.system) / 1000);
      }
    }
  }
  return new Map(
    variants.map(({ name }) => {
      const samples = wall.get(name);
      return [
        name,
        {
          ms: median(samples),
          min: Math.min(...samples),
          max: Math.max(...samples),
          samples,
          cpuMs: median(cpu.get(name)),
        },
      ];
    }),
  );
}

/**
 * Heap cost of `fn`, in MB. `deltaMb` is heapUsed right after one call minus before it (what the
 * call allocated and a GC during the call did not already reclaim; the median of `times` calls).
 * `retainedMb` is the size of what `fn` returns: `times` results are kept alive together and the
 * heap after a forced GC is compared with the heap before them, divided by `times` (so a stale
 * reference to one result or to one call's garbage skews it by at most 1/times). One untimed call
 * comes first, so state a module keeps from its last call is counted on both sides. Undefined
 * without `gc`, or when the difference comes out negative (an earlier result outlived the base).
 */
export async function heapCostOf(fn, gc, times = 3) {
  const deltas = [];
  const kept = [];
  // Prime: whatever `fn`'s module keeps from its last call is then in the heap both at `base` and at the end.
  fn();
  gc?.();
  await yieldToEventLoop();
  gc?.();
  const base = process.memoryUsage().heapUsed;
  for (let i = 0; i < times; i++) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    callInto(kept, fn);
    deltas.push((process.memoryUsage().heapUsed - before) / 2 ** 20);
  }
  let retainedMb;
  if (gc) {
    await yieldToEventLoop();
    gc();
    retainedMb = (process.memoryUsage().heapUsed - base) / 2 ** 20 / times;
    if (retainedMb < 0) retainedMb = undefined;
  }
  kept.length = 0;
  return { deltaMb: median(deltas), retainedMb };
}

/** Calls `fn` in its own frame and keeps its result in `list`. */
function callInto(list, fn) {
  list.push(fn());
}
