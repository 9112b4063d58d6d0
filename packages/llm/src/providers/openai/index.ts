/**
 * The OpenAI provider (Responses API): adapter, env factory and the pure translators.
 * @module
 */

export { OpenAIAdapter, type OpenAIAdapterConfig, openaiProviderFactory } from "./adapter.js";
export { parseErrorBody, streamFailure } from "./errors.js";
export { inputFile, inputImage, translateMessages } from "./input.js";
export {
  type BuiltRequest,
  buildHeaders,
  buildRequestBody,
  DEFAULT_OPENAI_BASE_URL,
  type HeaderOptions,
  mergeProviderOptions,
  responsesUrl,
  textFormatOf,
  toolChoiceOf,
} from "./request.js";
export {
  mapFinishReason,
  mapUsage,
  OPENAI_PART_PROVIDER,
  outputItemParts,
  parseResponse,
  type TranslateContext,
} from "./response.js";
export { translateStream } from "./stream.js";
export { expandParallelWrapper, type OpenAIToolCallMetadata, toolCallFromItem } from "./tool-calls.js";
export type { OpenAIInputItem, OpenAIRequestBody, OpenAIStreamingRequestBody } from "./wire-types.js";
