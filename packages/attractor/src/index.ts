/**
 * @darkfactory/attractor: parse, validate and run Attractor DOT pipelines (attractor-spec).
 * @module
 */

export { evaluateCondition } from "./conditions/evaluate-condition.js";
export { parseCondition } from "./conditions/parse-condition.js";
export type {
  ComparisonClause,
  ComparisonSpelling,
  ConditionClause,
  ConditionExpr,
  TruthyClause,
} from "./conditions/types.js";
export { resolveConditionKey } from "./conditions/variable-resolution.js";
export type { ArtifactInfo } from "./engine/artifact-store.js";
export { ArtifactStore, FILE_BACKING_THRESHOLD_BYTES } from "./engine/artifact-store.js";
export { RunCancelledError } from "./engine/cancellation.js";
export type { Checkpoint, RunStatus } from "./engine/checkpoint.js";
export {
  checkpointToJson,
  loadCheckpoint,
  outcomeFromJson,
  outcomeToJson,
  saveCheckpoint,
} from "./engine/checkpoint.js";
export type { ContextValue } from "./engine/context.js";
export { Context, stringify } from "./engine/context.js";
export type { EdgeChoice } from "./engine/edge-selection.js";
export { bestByWeightThenLexical, routeFailure, selectEdge } from "./engine/edge-selection.js";
export type {
  EdgeSelectionReason,
  EventSink,
  PipelineEvent,
  PipelineEventInput,
  PipelineEventType,
} from "./engine/events.js";
export {
  DEFAULT_FIDELITY,
  FIDELITY_MODES,
  parseFidelity,
  resolveFidelity,
  resolveThreadId,
} from "./engine/fidelity.js";
export { findUnsatisfiedGoalGate, resolveRetryTarget } from "./engine/goal-gates.js";
export { HandlerRegistry } from "./engine/handler-registry.js";
export type { Outcome } from "./engine/outcome.js";
export { isStageStatus, isSuccessful, outcomeWord, StageStatus } from "./engine/outcome.js";
export type { PreambleState } from "./engine/preamble.js";
export { buildPreamble } from "./engine/preamble.js";
export type { BackoffConfig, RetryPolicy } from "./engine/retry-policy.js";
export {
  buildRetryPolicy,
  DEFAULT_BACKOFF,
  defaultShouldRetry,
  delayForAttempt,
  RETRY_PRESETS,
} from "./engine/retry-policy.js";
export { RunDirectory } from "./engine/run-directory.js";
export type { PipelineRun, RunOptions, RunResult } from "./engine/runner.js";
export { DEFAULT_MAX_LOOP_RESTARTS, DEFAULT_MAX_NODE_VISITS, runPipeline, startPipeline } from "./engine/runner.js";
export { expandTemplate } from "./engine/template.js";
export {
  AttractorError,
  CheckpointError,
  ConditionSyntaxError,
  DotSyntaxError,
  StylesheetSyntaxError,
} from "./errors.js";
export { buildStagePrompt, CodergenHandler, toolHooksOf } from "./handlers/codergen.js";
export { ConditionalHandler } from "./handlers/conditional.js";
export { ExitHandler } from "./handlers/exit.js";
export { FanInHandler, heuristicSelect } from "./handlers/fan-in.js";
export type { ChildObservation, ManagerLoopOptions } from "./handlers/manager-loop.js";
export { ManagerLoopHandler } from "./handlers/manager-loop.js";
export type { ParallelResultEntry } from "./handlers/parallel.js";
export { ParallelHandler } from "./handlers/parallel.js";
export type { DefaultRegistryOptions } from "./handlers/register-builtins.js";
export { BUILT_IN_HANDLER_TYPES, createDefaultRegistry } from "./handlers/register-builtins.js";
export { simulateOutcome } from "./handlers/simulation.js";
export { StartHandler } from "./handlers/start.js";
export type { ToolHandlerOptions } from "./handlers/tool.js";
export { ToolHandler } from "./handlers/tool.js";
export type { ToolCallInfo, ToolHookOptions, ToolHookResult } from "./handlers/tool-hooks.js";
export { runToolHook, TOOL_HOOK_TIMEOUT_MS } from "./handlers/tool-hooks.js";
export type {
  BranchResult,
  CodergenBackend,
  CodergenRunOptions,
  FidelityMode,
  Handler,
  StageRuntime,
  ToolHooks,
} from "./handlers/types.js";
export type { HumanChoice } from "./handlers/wait-human.js";
export { choicesOf, findChoice, WaitForHumanHandler } from "./handlers/wait-human.js";
export { askSequentially } from "./interviewer/ask-multiple.js";
export { AUTO_APPROVED, AutoApproveInterviewer } from "./interviewer/auto-approve-interviewer.js";
export type { CallbackInterviewerOptions, InterviewerCallback } from "./interviewer/callback-interviewer.js";
export { CallbackInterviewer } from "./interviewer/callback-interviewer.js";
export type { ConsoleInterviewerOptions } from "./interviewer/console-interviewer.js";
export { ConsoleInterviewer } from "./interviewer/console-interviewer.js";
export { answerForOption, findMatchingOption, parseYesNo } from "./interviewer/option-matching.js";
export { QueueInterviewer } from "./interviewer/queue-interviewer.js";
export type { Recording } from "./interviewer/recording-interviewer.js";
export { RecordingInterviewer } from "./interviewer/recording-interviewer.js";
export { QuestionQueue, timeoutAnswer, withTimeout } from "./interviewer/timeout.js";
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
export { normalizeLabel, parseAcceleratorKey, stripAcceleratorPrefix } from "./model/labels.js";
export type { ToDotOptions } from "./model/to-dot.js";
export { quoteDot, toDot } from "./model/to-dot.js";
export type { ParseOptions } from "./parser/parser.js";
export { deriveClass, parseDot } from "./parser/parser.js";
export type { PreparedPipeline, PrepareOptions } from "./prepare.js";
export { preparePipeline } from "./prepare.js";
export { parseStylesheet } from "./stylesheet/parse-stylesheet.js";
export { resolveStyle, selectorMatches } from "./stylesheet/resolve-style.js";
export type {
  ResolvedStyle,
  StyleDeclaration,
  StyleProperty,
  StyleSelector,
  StylesheetRule,
} from "./stylesheet/types.js";
export { STYLE_PROPERTIES } from "./stylesheet/types.js";
export type { AttributeAlias } from "./transforms/attribute-aliases.js";
export {
  ATTRIBUTE_ALIAS_RULE,
  aliasTransform,
  GRAPH_ATTRIBUTE_ALIASES,
  NODE_ATTRIBUTE_ALIASES,
} from "./transforms/attribute-aliases.js";
export { builtInTransforms } from "./transforms/register-builtins.js";
export { stylesheetTransform } from "./transforms/stylesheet-application.js";
export { applyTransforms, TransformRegistry } from "./transforms/transform-registry.js";
export type { DiagnosticReporter, Transform } from "./transforms/types.js";
export { variableExpansionTransform } from "./transforms/variable-expansion.js";
export { writeFileAtomic, writeJsonAtomic } from "./util/atomic-write.js";
export { EventStream } from "./util/event-stream.js";
export type { ShellCommandOptions, ShellCommandResult } from "./util/shell.js";
export { killRunningCommands, runShellCommand } from "./util/shell.js";
export type { AttributeScope } from "./validation/attribute-catalog.js";
export { engineAttributes, GRAPHVIZ_ATTRIBUTES, isKnownAttribute } from "./validation/attribute-catalog.js";
export type { Diagnostic, LintContext, LintRule, Severity } from "./validation/diagnostic.js";
export { formatDiagnostic, ValidationError } from "./validation/diagnostic.js";
export { resolveHandlerType } from "./validation/handler-resolution.js";
export { builtInLintRules } from "./validation/register-builtins.js";
export type { ValidateOptions } from "./validation/validate.js";
export { sortDiagnostics, validate, validateOrRaise } from "./validation/validate.js";
