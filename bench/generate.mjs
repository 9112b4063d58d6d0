/**
 * Pipeline generators for the benchmark: deterministic DOT sources that both Dark Factory's
 * parser and Graphviz-compatible parsers (ts-graphviz) accept. Every value is quoted, node ids
 * are plain identifiers, and every node is reachable from the single start node.
 * @module
 */

/** Node kinds cycled through the middle of the large pipeline, one per index modulo 10. */
const KINDS = [
  { prefix: "plan", shape: "box", cls: "planning", prompt: 'Plan step {i} of "$goal": list the files to change' },
  { prefix: "implement", shape: "box", prompt: "Implement step {i} of $goal; keep the diff small" },
  { prefix: "implement", shape: "box", prompt: "Write the tests for step {i} before the code" },
  { prefix: "refactor", shape: "box", prompt: "Refactor what step {i} touched; no behaviour change" },
  { prefix: "test", shape: "parallelogram", tool: "npm test --silent -- --reporter=dot" },
  { prefix: "check", shape: "diamond" },
  { prefix: "review", shape: "box", cls: "review", prompt: "Review step {i} against $goal and report issues" },
  { prefix: "approve", shape: "hexagon", human: true },
  { prefix: "document", shape: "box", prompt: "Update the docs for step {i}" },
  { prefix: "commit", shape: "box", prompt: "Write the commit message for step {i}", timeout: "15m" },
];

const STYLESHEET =
  "* { llm_model: claude-sonnet-4-5; llm_provider: anthropic; } " +
  ".review { llm_model: gpt-5; llm_provider: openai; reasoning_effort: high; }";

/** Escapes a string for a DOT quoted value. */
function q(value) {
  return `"${String(value).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** `key="value", ...` for the defined entries of `attrs`. */
function attrList(attrs) {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${q(v)}`)
    .join(", ");
}

/**
 * A large, realistic pipeline: a start node (`Mdiamond`), `nodes - 2` stages cycling through
 * codergen boxes, tool parallelograms, conditional diamonds and human-gate hexagons, and an exit
 * node (`Msquare`). A chain of `condition="outcome=success"` (or `[A] Approve`) edges reaches every
 * node; the remaining `edges - (nodes - 1)` edges are retry loops back to earlier stages (or skips
 * forward), spread round-robin over the stages. No edge leaves the exit or enters the start node,
 * and no (from, to) pair repeats.
 * @param options.nodes total node count, including start and exit (default 10,000; at least 3)
 * @param options.edges total edge count (default 2 × nodes; at least nodes - 1)
 * @returns `{ source, nodeCount, edgeCount }`
 * @throws RangeError when the counts cannot be met without repeating an edge.
 */
export function generateLargePipeline({ nodes = 10_000, edges = nodes * 2 } = {}) {
  if (nodes < 3) throw new RangeError("nodes must be at least 3 (start, one stage, exit)");
  if (edges < nodes - 1) throw new RangeError(`edges must be at least nodes - 1 = ${nodes - 1} to reach every node`);
  const stages = nodes - 2;
  const ids = Array.from({ length: stages }, (_, i) => `${KINDS[i % KINDS.length].prefix}_${i + 1}`);
  const lines = [
    "digraph large_pipeline {",
    `  graph [goal=${q("Ship the generated feature set")}, label=${q("Generated benchmark pipeline")}, rankdir="LR"]`,
    `  graph [model_stylesheet=${q(STYLESHEET)}, default_max_retries="1"]`,
    '  node [fontname="Helvetica"]',
    '  edge [fontsize="10"]',
    `  start [shape="Mdiamond", label=${q("Start")}]`,
    `  exit [shape="Msquare", label=${q("Done")}]`,
  ];
  for (let i = 0; i < stages; i++) lines.push(`  ${ids[i]} [${attrList(nodeAttrs(i))}]`);

  const seen = new Set();
  const edge = (from, to, attrs) => {
    seen.add(`${from}>${to}`);
    lines.push(`  ${from} -> ${to}${attrs ? ` [${attrList(attrs)}]` : ""}`);
  };
  edge("start", ids[0], { label: "begin" });
  for (let i = 0; i < stages; i++) edge(ids[i], i + 1 < stages ? ids[i + 1] : "exit", forwardAttrs(i));

  let extra = edges - (nodes - 1);
  for (let round = 0; extra > 0; round++) {
    let added = 0;
    for (let i = 0; i < stages && extra > 0; i++) {
      const to = extraTarget(i, round, stages, ids);
      if (to === undefined || seen.has(`${ids[i]}>${to}`)) continue;
      edge(ids[i], to, extraAttrs(i, round));
      extra--;
      added++;
    }
    if (added === 0) throw new RangeError(`cannot place ${extra} more edges without repeating one`);
  }
  lines.push("}", "");
  return { source: lines.join("\n"), nodeCount: nodes, edgeCount: edges };
}

function nodeAttrs(i) {
  const kind = KINDS[i % KINDS.length];
  const n = i + 1;
  const label = `${kind.prefix[0].toUpperCase()}${kind.prefix.slice(1)} ${n}`;
  if (kind.tool) return { shape: kind.shape, label, tool_command: kind.tool, timeout: "10m" };
  if (kind.human) return { shape: kind.shape, label: `Approve step ${n}?` };
  if (kind.shape === "diamond") return { shape: kind.shape, label: `Tests green at ${n}?` };
  return {
    shape: kind.shape,
    label,
    prompt: kind.prompt.replace("{i}", String(n)),
    class: kind.cls,
    max_retries: i % 20 === 0 ? "2" : undefined,
    fidelity: i % 50 === 6 ? "compact" : undefined,
    timeout: kind.timeout,
  };
}

function forwardAttrs(i) {
  const kind = KINDS[i % KINDS.length];
  if (kind.human) return { label: "[A] Approve" };
  return { condition: "outcome=success", label: "next" };
}

/** Round 0: retry loop to the previous stage (a skip forward for the first one); later rounds reach further. */
function extraTarget(i, round, stages, ids) {
  const back = i - 1 - round;
  if (back >= 0) return ids[back];
  const forward = i + 2 + round;
  if (forward < stages) return ids[forward];
  return forward === stages ? "exit" : undefined;
}

function extraAttrs(i, round) {
  const kind = KINDS[i % KINDS.length];
  if (kind.human) return { label: round === 0 ? "[R] Revise" : `[${round}] Back ${round + 1}` };
  if (round === 0) return { condition: "outcome=fail", label: "retry", weight: "1" };
  return { condition: `outcome=partial_success && context.round!=${round}`, label: `fallback ${round}` };
}

/**
 * A linear pipeline of `nodes` nodes: start, `nodes - 2` codergen stages with prompts, exit;
 * one unconditional edge between consecutive nodes.
 * @param nodes total node count including start and exit (default 1,000; at least 3)
 */
export function generateLinearPipeline(nodes = 1000) {
  if (nodes < 3) throw new RangeError("nodes must be at least 3");
  const lines = [
    "digraph linear_pipeline {",
    `  graph [goal=${q("Walk a long chain of stages")}, label=${q("Linear benchmark pipeline")}]`,
    '  start [shape="Mdiamond"]',
    '  exit [shape="Msquare"]',
  ];
  const ids = ["start"];
  for (let i = 1; i <= nodes - 2; i++) {
    const id = `stage_${i}`;
    ids.push(id);
    lines.push(`  ${id} [shape="box", label=${q(`Stage ${i}`)}, prompt=${q(`Do step ${i} of $goal`)}]`);
  }
  ids.push("exit");
  for (let i = 0; i + 1 < ids.length; i++) lines.push(`  ${ids[i]} -> ${ids[i + 1]}`);
  lines.push("}", "");
  return { source: lines.join("\n"), nodeCount: nodes, edgeCount: nodes - 1 };
}

/**
 * A fan-out pipeline: start -> fan_out (`component`) -> `branches` codergen branches -> join
 * (`tripleoctagon`) -> exit.
 * @param options.branches number of parallel branches (default 100)
 * @param options.maxParallel the fan-out node's `max_parallel` (default: `branches`)
 */
export function generateParallelPipeline({ branches = 100, maxParallel = branches } = {}) {
  const lines = [
    "digraph parallel_pipeline {",
    `  graph [goal=${q("Try many approaches at once")}, label=${q("Parallel benchmark pipeline")}]`,
    '  start [shape="Mdiamond"]',
    '  exit [shape="Msquare"]',
    `  fan_out [shape="component", label="Fan out", max_parallel=${q(maxParallel)}, join_policy="wait_all"]`,
    '  join [shape="tripleoctagon", label="Pick the best"]',
    "  start -> fan_out",
  ];
  for (let i = 1; i <= branches; i++) {
    const id = `branch_${i}`;
    lines.push(`  ${id} [shape="box", label=${q(`Approach ${i}`)}, prompt=${q(`Try approach ${i} for $goal`)}]`);
    lines.push(`  fan_out -> ${id}`, `  ${id} -> join`);
  }
  lines.push("  join -> exit", "}", "");
  return { source: lines.join("\n"), nodeCount: branches + 4, edgeCount: branches * 2 + 2 };
}
