/**
 * @darkfactory/twins: the Digital Twin Universe. Local, stateful clones of third-party services
 * that their official SDKs drive unchanged, built on one twin kit (journal, request ids, faults,
 * scripts, record/replay, prompt cache, embeddings, admin API and web UI). Today: the OpenAI,
 * Anthropic and Gemini twins.
 * @module
 */

export { anthropicTwin, authenticateAnthropic, buildAnthropicTwin } from "./anthropic/app.js";
export { authenticateGemini, buildGeminiTwin, geminiTwin } from "./gemini/app.js";
export { adminRoutes, journalFilter } from "./kit/admin/admin-routes.js";
export { uiPage } from "./kit/admin/ui-page.js";
export type { AnswerHooks } from "./kit/answer.js";
export { answerConversation, defaultDraft } from "./kit/answer.js";
export { isAcceptedKey } from "./kit/auth.js";
export { buildTwinApp, TWIN_BODY_LIMIT_BYTES, twinKit } from "./kit/build-twin-app.js";
export type {
  Answer,
  AnswerToolCall,
  Conversation,
  ConversationMessage,
  ConversationPart,
  ConversationTool,
  FinishReason,
  JsonSchema,
  ResponseFormat,
  ToolChoice,
  Usage,
} from "./kit/conversation.js";
export {
  currentUserText,
  lastUserText,
  textOf,
  toolNameOf,
  trailingToolResults,
  userTurns,
} from "./kit/conversation.js";
export { embedText } from "./kit/embedding.js";
export { answerErrorFault, injectFault, isMidStreamFault } from "./kit/faults/apply-fault.js";
export type { FaultPick, FaultProbe } from "./kit/faults/fault-injector.js";
export { FaultInjector } from "./kit/faults/fault-injector.js";
export { readFault, readFaultRule, readFaultRules } from "./kit/faults/parse-fault.js";
export type { Fault, FaultKind, FaultRule, FaultRuleInput } from "./kit/faults/types.js";
export { FAULT_KINDS, isErrorFault, STREAM_FAULT_KINDS } from "./kit/faults/types.js";
export { globMatch } from "./kit/glob.js";
export type { JournalEntry, JournalEvent, JournalFilter, JournalResponse } from "./kit/journal.js";
export { Journal } from "./kit/journal.js";
export { ADMIN_PREFIX } from "./kit/journal-hooks.js";
export type { IdSource, Prng } from "./kit/prng.js";
export { createIdSource, createPrng } from "./kit/prng.js";
export type { CachePolicy, CacheUse, PromptBlock, PromptBlockOptions } from "./kit/prompt-cache.js";
export { PromptCache, promptBlock } from "./kit/prompt-cache.js";
export type { RecordOptions } from "./kit/record/recorder.js";
export { Recorder, recordedMatch } from "./kit/record/recorder.js";
export { REDACTED, redactHeaders, redactUrl } from "./kit/redact.js";
export { builtinTwins, registerBuiltinTwins } from "./kit/register-builtins.js";
export { findTwin, getTwin, listTwins, registerTwin } from "./kit/registry.js";
export type { TwinRequestState } from "./kit/request-state.js";
export { requestState } from "./kit/request-state.js";
export { schemaInstance } from "./kit/schema-instance.js";
export type { MatchContext } from "./kit/script/match-rule.js";
export { explainMismatch } from "./kit/script/match-rule.js";
export type { ParseScriptOptions } from "./kit/script/parse-script.js";
export { loadScript, parseScript, parseYamlValue } from "./kit/script/parse-script.js";
export type { ScriptDecision, ScriptState } from "./kit/script/script-engine.js";
export { ScriptEngine } from "./kit/script/script-engine.js";
export type { Captures } from "./kit/script/template.js";
export type {
  ReplyFunction,
  ReplyRequest,
  RuleMatch,
  Script,
  ScriptReply,
  ScriptRule,
  ScriptToolCall,
  UsageOverrides,
} from "./kit/script/types.js";
export type { SendJsonOptions, SendSseOptions, SseEvent } from "./kit/send.js";
export { formatSse, hang, sendJson, sendSse, sendWireError } from "./kit/send.js";
export { startTwin } from "./kit/start-twin.js";
export {
  estimateTokens,
  IMAGE_TOKENS,
  MESSAGE_OVERHEAD_TOKENS,
  splitChunks,
  splitDeltas,
  truncateToTokens,
} from "./kit/token-estimator.js";
export type { ScriptErrorOptions, TwinErrorOptions } from "./kit/twin-error.js";
export { ScriptError, TwinError } from "./kit/twin-error.js";
export type {
  RunningTwin,
  StreamingPhysics,
  TwinDefinition,
  TwinErrorBodies,
  TwinKit,
  TwinLogLevel,
  TwinOptions,
  TwinPlugin,
  WireError,
} from "./kit/types.js";
export { authenticateOpenAI, buildOpenAITwin, openaiTwin } from "./openai/app.js";
export type {
  SlackSeed,
  SlackSnapshot,
  SlackStateEvent,
  SlackStateListener,
  SlackTwinOptions,
} from "./slack/public.js";
export {
  buildSlackTwin,
  DEFAULT_SEED,
  loadSlackSeed,
  SlackApiError,
  SlackState,
  slackState,
  slackTwin,
} from "./slack/public.js";
