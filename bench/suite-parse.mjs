/**
 * Suite 1: parse and validate a generated 10,000-node, 20,000-edge pipeline, against ts-graphviz
 * parsing the same DOT text.
 * @module
 */
import { generateLargePipeline } from "./generate.mjs";
import { engine, peer, versions } from "./lib/engine.mjs";
import { compare, row } from "./lib/rows.mjs";
import { heapCostOf, timeInterleaved } from "./lib/stats.mjs";

/**
 * Runs the parse suite.
 * @param options.nodes / options.edges pipeline size (default 10,000 / 20,000)
 * @param options.runs timed runs per measurement (median reported); options.warmup untimed runs first
 * @param options.gc a `gc()` function, or undefined
 * @param options.log progress sink `(line) => void`
 * @returns `{ id, title, params, rows }`
 * @throws Error when a parser reads a different number of nodes or edges than generated, or the
 *   pipeline does not validate: the figures would not be comparable
 */
export async function runParseSuite({ nodes = 10_000, edges = 20_000, runs = 7, warmup = 2, gc, log = () => {} }) {
  const started = performance.now();
  const { source, nodeCount, edgeCount } = generateLargePipeline({ nodes, edges });
  const generateMs = performance.now() - started;
  const counts = checkCounts(source, nodeCount, edgeCount);
  const peerName = `ts-graphviz ${versions["ts-graphviz"]}`;

  log(`parse: ${nodeCount} nodes, ${edgeCount} edges, ${(source.length / 2 ** 20).toFixed(2)} MB of DOT`);
  log(`parse: parseDot, preparePipeline, ${peerName} parse and fromDot, interleaved`);
  const timings = await timeInterleaved(
    [
      { name: "ours", fn: () => engine.parseDot(source) },
      { name: "prepared", fn: () => engine.preparePipeline(source) },
      { name: "peerAst", fn: () => peer.parseAst(source) },
      { name: "peerModel", fn: () => peer.fromDot(source) },
    ],
    { runs, warmup, gc },
  );
  const [ours, prepared, peerAst, peerModel] = ["ours", "prepared", "peerAst", "peerModel"].map((k) => timings.get(k));

  const heap = {
    ours: await heapCostOf(() => engine.parseDot(source), gc),
    prepared: await heapCostOf(() => engine.preparePipeline(source), gc),
    peerAst: await heapCostOf(() => peer.parseAst(source), gc),
    peerModel: await heapCostOf(() => peer.fromDot(source), gc),
  };
  const perNode = (t) => ({ ms: t.ms / nodeCount, unit: "node" });
  const heapNote = (h) =>
    `heap +${h.deltaMb.toFixed(1)} MB during the call, result holds ${h.retainedMb !== undefined ? `${h.retainedMb.toFixed(1)} MB` : "n/a (GC noise)"}`;
  const transformValidate = { ms: prepared.ms - ours.ms, cpuMs: prepared.cpuMs - ours.cpuMs };

  return {
    id: "parse",
    title: `Parse + validate a ${nodeCount.toLocaleString("en")}-node, ${edgeCount.toLocaleString("en")}-edge pipeline`,
    params: {
      nodes: nodeCount,
      edges: edgeCount,
      sourceBytes: Buffer.byteLength(source),
      generateMs: Math.round(generateMs),
      runs,
      warmup,
      verified: counts,
      peer: {
        name: "ts-graphviz",
        version: versions["ts-graphviz"],
        parser: `@ts-graphviz/ast ${versions["@ts-graphviz/ast"]}`,
      },
    },
    rows: [
      row("ours: parseDot (DOT -> Graph)", "ours", ours, {
        perUnit: perNode(ours),
        peer: `${peerName} parse`,
        ...compare(ours.ms, peerAst.ms, `${peerName} parse`),
        heap: heap.ours,
        notes: heapNote(heap.ours),
      }),
      row("ours: preparePipeline (parse + transforms + validate)", "ours", prepared, {
        perUnit: perNode(prepared),
        peer: `${peerName} fromDot`,
        ...compare(prepared.ms, peerModel.ms, `${peerName} fromDot`),
        heap: heap.prepared,
        diagnostics: counts.diagnostics,
        notes: `${counts.diagnostics.error} errors, ${counts.diagnostics.warning} warnings; ${heapNote(heap.prepared)}`,
      }),
      row("ours: transforms + validation (prepare - parse)", "derived", transformValidate, {
        perUnit: perNode(transformValidate),
        notes: "difference of the two medians above",
      }),
      row(`peer: ${peerName} parse (DOT -> AST)`, "peer", peerAst, {
        perUnit: perNode(peerAst),
        heap: heap.peerAst,
        notes: `@ts-graphviz/ast ${versions["@ts-graphviz/ast"]} parse(), maxASTNodes/maxInputSize lifted; ${heapNote(heap.peerAst)}`,
      }),
      row(`peer: ${peerName} fromDot (DOT -> AST -> model)`, "peer", peerModel, {
        perUnit: perNode(peerModel),
        heap: heap.peerModel,
        notes: `the model is the closest equivalent of our Graph; ${heapNote(heap.peerModel)}`,
      }),
    ],
  };
}

/** Checks that both parsers read exactly what was generated and that it validates. */
function checkCounts(source, nodeCount, edgeCount) {
  const graph = engine.parseDot(source);
  const ast = peer.parseAst(source);
  const statements = ast.children.find((c) => c.type === "Graph")?.children ?? [];
  const peerNodes = statements.filter((s) => s.type === "Node").length;
  const peerEdges = statements.filter((s) => s.type === "Edge").length;
  const { diagnostics } = engine.preparePipeline(source);
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) bySeverity[d.severity] = (bySeverity[d.severity] ?? 0) + 1;
  const found = { ours: [graph.nodes.size, graph.edges.length], peer: [peerNodes, peerEdges] };
  for (const [who, [n, e]] of Object.entries(found)) {
    if (n !== nodeCount || e !== edgeCount) {
      throw new Error(
        `${who} parser read ${n} nodes and ${e} edges; the generator wrote ${nodeCount} and ${edgeCount}`,
      );
    }
  }
  if (bySeverity.error > 0) {
    const first = diagnostics.find((d) => d.severity === "error");
    throw new Error(
      `the generated pipeline has ${bySeverity.error} validation errors, e.g. ${first.rule}: ${first.message}`,
    );
  }
  return { oursNodes: graph.nodes.size, oursEdges: graph.edges.length, peerNodes, peerEdges, diagnostics: bySeverity };
}
