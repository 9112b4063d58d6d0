/**
 * Formats benchmark results: an aligned table for a terminal, one plain `key=value` line per
 * figure otherwise.
 * @module
 */

const ms = (x) => (x === undefined ? "" : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const perUnit = (r) =>
  r.perUnit ? `${r.perUnit.ms < 0.01 ? r.perUnit.ms.toFixed(4) : r.perUnit.ms.toFixed(3)} ms/${r.perUnit.unit}` : "";
const spread = (r) => (r.min !== undefined ? `${ms(r.min)}–${ms(r.max)}` : "");

/** Every row of a suite, breakdown rows last (indented by the table). */
function rowsOf(suite) {
  return [...suite.rows, ...(suite.breakdown ?? [])];
}

/**
 * An aligned text table of all suites: name, median wall ms, median CPU ms, min–max, per unit,
 * ratio against the named peer, notes.
 * @param results the object `run.mjs` writes to results.json
 * @param width terminal width; notes are cut to fit (default 160)
 */
export function formatTable(results, width = 160) {
  const out = [header(results), ""];
  for (const suite of results.suites) {
    out.push(`== ${suite.title}`);
    const cells = rowsOf(suite).map((r) => [
      r.kind === "breakdown" ? `  · ${r.name}` : r.name,
      ms(r.ms),
      ms(r.cpuMs),
      spread(r),
      perUnit(r),
      r.ratioText ?? "",
      r.notes ?? "",
    ]);
    const titles = ["name", "median ms", "cpu ms", "min–max", "per unit", "vs peer", "notes"];
    const widths = titles.map((t, i) => Math.max(t.length, ...cells.map((c) => c[i].length)));
    const line = (c) =>
      c
        .map((v, i) => (i === 0 || i >= 5 ? v.padEnd(widths[i]) : v.padStart(widths[i])))
        .join("  ")
        .trimEnd();
    const clip = (s) => (s.length > width ? `${s.slice(0, width - 1)}…` : s);
    out.push(clip(line(titles)), clip(line(widths.map((w) => "-".repeat(w)))));
    let inBreakdown = false;
    for (const [i, c] of cells.entries()) {
      const r = rowsOf(suite)[i];
      if (r.kind === "breakdown" && !inBreakdown) {
        out.push("  breakdown of the median instrumented run:");
        inBreakdown = true;
      }
      out.push(clip(line(c)));
    }
    out.push("");
  }
  out.push(...footer(results));
  return out.join("\n");
}

/** One line per figure: `suite | name | median_ms=… per_unit=… ratio=… | notes`. */
export function formatPlain(results) {
  const out = [header(results)];
  for (const suite of results.suites) {
    for (const r of rowsOf(suite)) {
      const fields = [
        r.ms !== undefined ? `median_ms=${r.ms}` : "",
        r.cpuMs !== undefined ? `cpu_ms=${r.cpuMs}` : "",
        r.min !== undefined ? `min_ms=${r.min} max_ms=${r.max} runs=${r.runs}` : "",
        r.perUnit ? `per_${r.perUnit.unit}_ms=${r.perUnit.ms}` : "",
        r.ratio !== undefined ? `ratio_peer_over_ours=${r.ratio.toFixed(3)} (${r.ratioText})` : "",
      ].filter(Boolean);
      out.push(`${suite.id} | ${r.kind} | ${r.name} | ${fields.join(" ")}${r.notes ? ` | ${r.notes}` : ""}`);
    }
  }
  out.push(...footer(results));
  return out.join("\n");
}

function header({ meta }) {
  return (
    `Dark Factory bench — ${meta.date} — node ${meta.node}, ${meta.cpus}× ${meta.cpuModel}, ${meta.platform}` +
    `${meta.quick ? " — QUICK (reduced sizes and runs)" : ""}\n` +
    `@darkfactory/attractor ${meta.versions["@darkfactory/attractor"]} vs ts-graphviz ${meta.versions["ts-graphviz"]} ` +
    `(@ts-graphviz/ast ${meta.versions["@ts-graphviz/ast"]}); medians of ${meta.runs} runs after warm-up; ` +
    `forced GC between runs: ${meta.gc ? "yes" : "no"}`
  );
}

function footer({ meta, warnings }) {
  const lines = [`results: ${meta.resultsFile} (total ${(meta.totalMs / 1000).toFixed(1)} s)`];
  if (warnings.length > 0) {
    const counts = new Map();
    for (const w of warnings) counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const [w, n] of counts) lines.push(`process warning (${n}×): ${w}`);
  }
  return lines;
}
