/**
 * Distance from every node to the nearest exit node, used by simulation to walk a pipeline to
 * its end when stages cannot produce the outcomes their edges expect.
 * @module
 */
import { isExitNode } from "../model/attributes.js";
import type { Graph } from "../model/graph.js";

const cache = new WeakMap<Graph, Map<string, number>>();

/** Fewest edges from each node to an exit node (reverse BFS); nodes that cannot reach one are absent. */
export function distancesToExit(graph: Graph): Map<string, number> {
  const cached = cache.get(graph);
  if (cached) return cached;
  const distance = new Map<string, number>();
  const queue: string[] = [];
  for (const n of graph.nodes.values()) {
    if (isExitNode(n)) {
      distance.set(n.id, 0);
      queue.push(n.id);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    const d = distance.get(id)!;
    for (const e of graph.incoming(id)) {
      if (!distance.has(e.from)) {
        distance.set(e.from, d + 1);
        queue.push(e.from);
      }
    }
  }
  cache.set(graph, distance);
  return distance;
}
