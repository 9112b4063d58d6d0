/** Types of bench/generate.mjs, for the TypeScript test that checks the generators. */

/** A generated pipeline: its DOT source and the node and edge counts it holds. */
export interface GeneratedPipeline {
  source: string;
  nodeCount: number;
  edgeCount: number;
}

export function generateLargePipeline(options?: { nodes?: number; edges?: number }): GeneratedPipeline;
export function generateLinearPipeline(nodes?: number): GeneratedPipeline;
export function generateParallelPipeline(options?: { branches?: number; maxParallel?: number }): GeneratedPipeline;
