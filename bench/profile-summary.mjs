/**
 * Summarizes a V8 `.cpuprofile` (from `node --cpu-prof`) by self time and by inclusive time per
 * function, so hot spots can be named with file:line. Usage:
 *   node bench/profile-summary.mjs <file.cpuprofile> [top=25] [filter-substring]
 * Lines are 1-based positions in the executed file (dist/*.js; the .js.map maps them to src/*.ts).
 * @module
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Aggregates a parsed profile by function location.
 * @param profile the parsed `.cpuprofile` JSON
 * @returns rows `{ where, name, selfMs, totalMs }`, sorted by self time, descending
 */
export function summarizeProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  const deltas = profile.timeDeltas ?? [];
  for (const [i, id] of profile.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0));

  const rows = new Map();
  const keyOf = (n) => {
    const f = n.callFrame;
    return `${f.url}:${f.lineNumber + 1}:${f.functionName || "(anonymous)"}`;
  };
  const row = (n) => {
    const key = keyOf(n);
    let r = rows.get(key);
    if (!r) {
      const f = n.callFrame;
      r = {
        where: `${shortUrl(f.url)}:${f.lineNumber + 1}`,
        name: f.functionName || "(anonymous)",
        selfMs: 0,
        totalMs: 0,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    row(node).selfMs += us / 1000;
    // Inclusive time: credit each distinct function on the stack once.
    const seen = new Set();
    for (let cur = node; cur; cur = byId.get(parent.get(cur.id))) {
      const key = keyOf(cur);
      if (seen.has(key)) continue;
      seen.add(key);
      row(cur).totalMs += us / 1000;
    }
  }
  return [...rows.values()].sort((a, b) => b.selfMs - a.selfMs);
}

function shortUrl(url) {
  if (!url) return "(native)";
  if (!url.startsWith("file:")) return url;
  return relative(process.cwd(), fileURLToPath(url));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, top = "25", filter = ""] = process.argv.slice(2);
  if (!file) {
    console.error("usage: node bench/profile-summary.mjs <file.cpuprofile> [top] [filter]");
    process.exit(2);
  }
  const rows = summarizeProfile(JSON.parse(readFileSync(file, "utf8"))).filter((r) =>
    `${r.where} ${r.name}`.includes(filter),
  );
  const n = Number(top);
  console.log("self ms   total ms  function  location");
  for (const r of rows.slice(0, n)) {
    console.log(`${r.selfMs.toFixed(1).padStart(8)}  ${r.totalMs.toFixed(1).padStart(8)}  ${r.name}  ${r.where}`);
  }
  console.log("\nby inclusive time:");
  for (const r of [...rows].sort((a, b) => b.totalMs - a.totalMs).slice(0, n)) {
    console.log(`${r.selfMs.toFixed(1).padStart(8)}  ${r.totalMs.toFixed(1).padStart(8)}  ${r.name}  ${r.where}`);
  }
}
