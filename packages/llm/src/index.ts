/**
 * @darkfactory/llm: one client for OpenAI (Responses API), Anthropic (Messages API), Gemini and
 * OpenAI-compatible endpoints (unified-llm-spec).
 * @module
 */

export type { ModelCapability, ModelInfo } from "./catalog/catalog.js";
export { getLatestModel, getModelInfo, listModels } from "./catalog/catalog.js";
export type { ClientOptions } from "./client/client.js";
export { Client } from "./client/client.js";
export { getDefaultClient, setDefaultClient } from "./client/default-client.js";
export type { ProvidersFromEnvOptions } from "./client/from-env.js";
export type { CompleteNext, Middleware, StreamNext } from "./client/middleware.js";
export { composeComplete, composeStream } from "./client/middleware.js";
export {
  AbortError,
  ConfigurationError,
  InvalidToolCallError,
  NetworkError,
  NoObjectGeneratedError,
  RequestTimeoutError,
  StreamError,
  UnsupportedToolChoiceError,
} from "./errors/client-errors.js";
export { errorFromStatus } from "./errors/error-from-status.js";
export type { LlmErrorOptions } from "./errors/llm-error.js";
export { LlmError, SDKError } from "./errors/llm-error.js";
export type { ProviderErrorOptions } from "./errors/provider-error.js";
export {
  AccessDeniedError,
  AuthenticationError,
  ContentFilterError,
  ContextLengthError,
  InvalidRequestError,
  NotFoundError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from "./errors/provider-error.js";
export { generate } from "./generate/generate.js";
export type { GenerateObjectResult } from "./generate/generate-object.js";
export { generateObject } from "./generate/generate-object.js";
export type { ObjectMode, ObjectOptions } from "./generate/object-strategy.js";
export { hasToolCall, stepCountIs } from "./generate/stop-condition.js";
export { stream } from "./generate/stream.js";
export type { DeepPartial, StreamObjectResult } from "./generate/stream-object.js";
export { streamObject } from "./generate/stream-object.js";
export type { StreamResult } from "./generate/stream-result.js";
export type {
  GenerateOptions,
  GenerateResult,
  RepairToolCall,
  RepairToolCallOptions,
  StepResult,
  StopCondition,
  TimeoutConfig,
  Tool,
  ToolExecuteContext,
} from "./generate/types.js";
export type { RetryPolicy, RetryRuntime } from "./http/retry.js";
export { DEFAULT_RETRY_POLICY, isRetryable, retry, retryDelay } from "./http/retry.js";
export type { PartialJsonResult } from "./json/partial-json.js";
export { parsePartialJson } from "./json/partial-json.js";
export { schemaProblem, validateAgainst } from "./json/schema.js";
export type { AnthropicAdapterConfig } from "./providers/anthropic/adapter.js";
export { ANTHROPIC_VERSION, AnthropicAdapter } from "./providers/anthropic/adapter.js";
export type { GeminiAdapterConfig, GeminiProviderOptions } from "./providers/gemini/index.js";
export { GEMINI_DEFAULT_BASE_URL, GeminiAdapter } from "./providers/gemini/index.js";
export type { OpenAIAdapterConfig } from "./providers/openai/adapter.js";
export { OpenAIAdapter } from "./providers/openai/adapter.js";
export type {
  OpenAICompatibleAdapterConfig,
  OpenAICompatibleProviderOptions,
} from "./providers/openai-compatible/index.js";
export { OpenAICompatibleAdapter } from "./providers/openai-compatible/index.js";
export type { ProviderFactory } from "./providers/registry.js";
export { providerFactories, registerProviderFactory } from "./providers/registry.js";
export { StreamAccumulator } from "./stream/stream-accumulator.js";
export type { AdapterConfig, ProviderAdapter } from "./types/adapter.js";
export type {
  AudioData,
  ContentKind,
  ContentPart,
  DocumentData,
  ImageData,
  Role,
  ThinkingData,
  ToolCallData,
  ToolResultData,
} from "./types/message.js";
export { isForeignThinking, Message, messageText, tagThinking } from "./types/message.js";
export type { AdapterTimeout, CallOptions, ReasoningEffort, Request, ResponseFormat } from "./types/request.js";
export { DEFAULT_ADAPTER_TIMEOUT } from "./types/request.js";
export type {
  FinishReason,
  FinishReasonValue,
  RateLimitInfo,
  Response,
  ResponseFields,
  Usage,
  Warning,
} from "./types/response.js";
export { addUsage, createResponse, emptyUsage, toolCallsOf } from "./types/response.js";
export type { StreamEvent, StreamEventType } from "./types/stream-event.js";
export type { JsonSchema, ToolCall, ToolChoice, ToolChoiceMode, ToolDefinition, ToolResult } from "./types/tool.js";
export { isValidToolName } from "./types/tool.js";
