/**
 * Result rows: how each figure is recorded, and how one figure is compared with its peer.
 * @module
 */

/**
 * Compares our time with a peer's time for the same work.
 * @param oursMs our time (or time per unit)
 * @param peerMs the peer's time for the same work (same unit)
 * @param peerName shown in the text
 * @returns `{ ratio, ratioText }`: ratio = peer / ours (above 1: ours is faster)
 */
export function compare(oursMs, peerMs, peerName) {
  const ratio = peerMs / oursMs;
  if (!Number.isFinite(ratio) || ratio <= 0) return { ratio: undefined, ratioText: "n/a" };
  const ratioText =
    ratio >= 1 ? `${fmt(ratio)}× faster than ${peerName}` : `${fmt(1 / ratio)}× slower than ${peerName}`;
  return { ratio, ratioText };
}

function fmt(x) {
  return x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/**
 * A result row.
 * @param name what was measured
 * @param kind `ours` (the engine), `peer` (what it is compared with), `derived` (computed from
 *   other rows) or `breakdown` (a part of a run, from the instrumented run)
 * @param timing `{ ms, min?, max?, samples?, cpuMs? }` in milliseconds; `ms` is the median wall
 *   time, `cpuMs` the median process CPU time (user + system)
 * @param extra `{ perUnit: { ms, unit }, peer, ratio, ratioText, notes, ... }`
 */
export function row(name, kind, timing, extra = {}) {
  const { ms, min, max, samples, cpuMs } = timing;
  return {
    name,
    kind,
    ms: round(ms),
    ...(cpuMs !== undefined ? { cpuMs: round(cpuMs) } : {}),
    ...(min !== undefined ? { min: round(min), max: round(max) } : {}),
    ...(samples ? { runs: samples.length, samples: samples.map(round) } : {}),
    ...extra,
    ...(extra.perUnit ? { perUnit: { ms: round(extra.perUnit.ms, 4), unit: extra.perUnit.unit } } : {}),
  };
}

/** Rounds to `digits` decimals (3 by default), keeping numbers as numbers. */
export function round(x, digits = 3) {
  if (x === undefined || !Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
