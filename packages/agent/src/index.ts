export type { EnvFilterOptions, EnvPolicy } from "./env/env-filter.js";
export { CORE_ENV_VARS, filterEnvironment, isSecretEnvName, SECRET_ENV_PATTERNS } from "./env/env-filter.js";
export type { LocalExecutionEnvironmentOptions } from "./env/local.js";
export { LocalExecutionEnvironment } from "./env/local.js";
export type * from "./env/types.js";
export type { AnthropicProfileOptions } from "./profiles/anthropic.js";
export {
  ANTHROPIC_DEFAULT_BETAS,
  ANTHROPIC_DEFAULT_MODEL,
  ANTHROPIC_SHELL_TIMEOUT_MS,
  createAnthropicProfile,
} from "./profiles/anthropic.js";
export type { ProfileDefinition } from "./profiles/base-profile.js";
export { createProfile } from "./profiles/base-profile.js";
export type { GeminiProfileOptions } from "./profiles/gemini.js";
export { createGeminiProfile, GEMINI_DEFAULT_MODEL } from "./profiles/gemini.js";
export type { OpenAIProfileOptions } from "./profiles/openai.js";
export { createOpenAIProfile, OPENAI_DEFAULT_MODEL } from "./profiles/openai.js";
export type { ProfileOptions, ProviderOptions, ProviderProfile } from "./profiles/types.js";
export { ANTHROPIC_BASE_INSTRUCTIONS } from "./prompts/base/anthropic.js";
export { GEMINI_BASE_INSTRUCTIONS } from "./prompts/base/gemini.js";
export { OPENAI_BASE_INSTRUCTIONS } from "./prompts/base/openai.js";
export type { EnvironmentContext, ModelFacts } from "./prompts/environment-context.js";
export { collectEnvironmentContext, renderEnvironmentContext } from "./prompts/environment-context.js";
export type { GitContext, GitContextOptions } from "./prompts/git-context.js";
export { collectGitContext, renderGitContext } from "./prompts/git-context.js";
export type { ProjectDoc, ProjectDocs, ProjectDocsOptions } from "./prompts/project-docs.js";
export {
  discoverProjectDocs,
  PROJECT_DOCS_BUDGET_BYTES,
  PROJECT_DOCS_TRUNCATION_MARKER,
  projectDocFileNames,
  renderProjectDocs,
} from "./prompts/project-docs.js";
export type { SystemPromptLayers } from "./prompts/system-prompt.js";
export { assembleSystemPrompt, renderToolSummary } from "./prompts/system-prompt.js";
export { approxTokens, CONTEXT_WARNING_RATIO, checkContextUsage } from "./session/context-usage.js";
export type { AgentErrorOptions } from "./session/errors.js";
export { AgentError, SessionStateError } from "./session/errors.js";
export type {
  ContextUsage,
  EventError,
  SessionEvent,
  SessionEventListener,
  SessionEventType,
  WarningCode,
} from "./session/events.js";
export { convertHistoryToMessages, countTurns } from "./session/history.js";
export { detectLoop, toolCallSignature } from "./session/loop-detection.js";
export type { SessionOptions } from "./session/session.js";
export { Session } from "./session/session.js";
export type { SessionToolContext } from "./session/tool-execution.js";
export type {
  AssistantTurn,
  SessionConfig,
  SessionState,
  SteeringTurn,
  StopReason,
  SubmitResult,
  SystemTurn,
  ToolResultEntry,
  ToolResultsTurn,
  Turn,
  UserTurn,
} from "./session/types.js";
export { DEFAULT_SESSION_CONFIG, resolveSessionConfig } from "./session/types.js";
export { scopeEnvironment } from "./subagents/scoped-environment.js";
export type { SubagentManagerOptions } from "./subagents/subagent-manager.js";
export { SubagentManager } from "./subagents/subagent-manager.js";
export { createSubagentTools, SUBAGENT_TOOL_NAMES } from "./subagents/subagent-tools.js";
export type {
  SpawnRequest,
  SubAgentHandle,
  SubAgentResult,
  SubAgentStatus,
  SubagentSession,
  SubagentToolContext,
} from "./subagents/types.js";
export type { PatchHunk, PatchOperation } from "./tools/apply-patch/parser.js";
export { PatchParseError, parsePatch } from "./tools/apply-patch/parser.js";
export { applyPatch, createApplyPatchTool } from "./tools/apply-patch/tool.js";
export { createEditFileTool, editFile, replaceInContent } from "./tools/core/edit-file.js";
export { createGlobTool } from "./tools/core/glob.js";
export { createGrepTool } from "./tools/core/grep.js";
export { createListDirTool } from "./tools/core/list-dir.js";
export { createReadFileTool, readFileNumbered } from "./tools/core/read-file.js";
export { createReadManyFilesTool } from "./tools/core/read-many-files.js";
export type { ShellToolOptions } from "./tools/core/shell.js";
export { createShellTool, formatExecResult, timeoutMessage } from "./tools/core/shell.js";
export { createWriteFileTool } from "./tools/core/write-file.js";
export {
  createAnthropicTools,
  createCoreTools,
  createGeminiTools,
  createOpenAITools,
} from "./tools/profile-tools.js";
export type { ToolCallInput, ToolExecutionResult } from "./tools/registry.js";
export { ToolRegistry } from "./tools/registry.js";
export type { ToolLimits, TruncationMode } from "./tools/truncate.js";
export {
  DEFAULT_TOOL_LINE_LIMITS,
  DEFAULT_TOOL_OUTPUT_LIMITS,
  DEFAULT_TRUNCATION_MODES,
  truncateLines,
  truncateOutput,
  truncateToolOutput,
} from "./tools/truncate.js";
export type * from "./tools/types.js";
