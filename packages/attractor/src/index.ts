/**
 * @darkfactory/attractor: parse, validate and run Attractor DOT pipelines (attractor-spec).
 * @module
 */

export type { ContextValue } from "./engine/context.js";
export { Context, stringify } from "./engine/context.js";
export type {
  EdgeSelectionReason,
  EventSink,
  PipelineEvent,
  PipelineEventInput,
  PipelineEventType,
} from "./engine/events.js";
export type { Outcome } from "./engine/outcome.js";
export { isStageStatus, isSuccessful, outcomeWord, StageStatus } from "./engine/outcome.js";
export {
  AttractorError,
  CheckpointError,
  ConditionSyntaxError,
  DotSyntaxError,
  StylesheetSyntaxError,
} from "./errors.js";
export type {
  BranchResult,
  CodergenBackend,
  CodergenRunOptions,
  FidelityMode,
  Handler,
  StageRuntime,
  ToolHooks,
} from "./handlers/types.js";
export type { Answer, AnswerValue, Interviewer, Option, Question, QuestionType } from "./interviewer/types.js";
export {
  classesOf,
  findExitNodes,
  findStartNodes,
  handlerTypeOf,
  isExitNode,
  isStartNode,
  labelOf,
  maxRetriesOf,
  readBool,
  readDurationMs,
  readInt,
  SHAPE_TO_TYPE,
  shapeOf,
} from "./model/attributes.js";
export { formatDuration, parseDuration } from "./model/duration.js";
export type { AttrMap, Edge, Node, SourceLocation } from "./model/graph.js";
export { Graph } from "./model/graph.js";
export type { ParseOptions } from "./parser/parser.js";
export { deriveClass, parseDot } from "./parser/parser.js";
export type { Diagnostic, LintContext, LintRule, Severity } from "./validation/diagnostic.js";
export { formatDiagnostic, ValidationError } from "./validation/diagnostic.js";
