/**
 * Gemini `generateContent` wire types (REST, camelCase as Google sends them).
 *
 * Request types are built from `@google/genai`'s exported REST types (`Content`, `Part`, `Tool`,
 * `ToolConfig`, `GenerationConfig`, `ThinkingConfig`, `SafetySetting`), imported as types only:
 * the SDK is a devDependency and never loaded at run time. The SDK's `GenerateContentParameters`
 * is NOT the REST body (it is the client's `{ model, contents, config }` call shape, where
 * `config` mixes generation fields with `systemInstruction`, `tools`, `abortSignal`, ...), so the
 * REST body is assembled here from the per-field types. The SDK declares enums
 * (`FunctionCallingConfigMode`, `ThinkingLevel`, `HarmCategory`, ...) where the wire has strings,
 * so those fields are re-typed as the enum's string values (`` `${Enum}` ``).
 *
 * Response types are our own and all-optional: they describe untrusted input.
 * @module
 */
import type {
  Content,
  FunctionCallingConfig,
  FunctionCallingConfigMode,
  GenerationConfig,
  HarmBlockMethod,
  HarmBlockThreshold,
  HarmCategory,
  SafetySetting,
  ThinkingConfig,
  ThinkingLevel,
  Tool,
  ToolConfig,
} from "@google/genai";

/** A request part (`text`, `inlineData`, `fileData`, `functionCall`, `functionResponse`, ...). */
export type { Part as GeminiPart } from "@google/genai";

/** `contents[]` and `systemInstruction`. */
export type GeminiContent = Content;

/** `thinkingConfig` with `thinkingLevel` as its wire string. */
export type GeminiThinkingConfig = Omit<ThinkingConfig, "thinkingLevel"> & { thinkingLevel?: `${ThinkingLevel}` };

/** `generationConfig` with string enums. */
export type GeminiGenerationConfig = Omit<GenerationConfig, "thinkingConfig"> & {
  thinkingConfig?: GeminiThinkingConfig;
};

/** `toolConfig` with `functionCallingConfig.mode` as its wire string. */
export type GeminiToolConfig = Omit<ToolConfig, "functionCallingConfig"> & {
  functionCallingConfig?: Omit<FunctionCallingConfig, "mode"> & { mode?: `${FunctionCallingConfigMode}` };
};

/** `safetySettings[]` with string enums. */
export type GeminiSafetySetting = Omit<SafetySetting, "category" | "threshold" | "method"> & {
  category?: `${HarmCategory}`;
  threshold?: `${HarmBlockThreshold}`;
  method?: `${HarmBlockMethod}`;
};

/** `tools[]`: function declarations, or built-in tools such as `googleSearch` / `codeExecution`. */
export type GeminiTool = Tool;

/** The body of `POST /models/{model}:generateContent` and `:streamGenerateContent`. */
export interface GeminiRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  safetySettings?: GeminiSafetySetting[];
  /** Resource name of a context cache, `cachedContents/...`. */
  cachedContent?: string;
  generationConfig?: GeminiGenerationConfig;
}

/** A streamed piece of a function call's arguments (Vertex `streamFunctionCallArguments`). */
export interface GeminiPartialArg {
  /** RFC 9535 path of the argument, e.g. `$.recipe.steps[0]`. */
  jsonPath?: string;
  stringValue?: string;
  numberValue?: number;
  boolValue?: boolean;
  nullValue?: "NULL_VALUE";
  /** More pieces of the same path follow (strings are concatenated). */
  willContinue?: boolean;
}

/** A function call in a response; streamed calls come as `name`+`willContinue`, then `partialArgs`. */
export interface GeminiFunctionCallOut {
  id?: string;
  name?: string;
  args?: Record<string, unknown>;
  partialArgs?: GeminiPartialArg[];
  willContinue?: boolean;
}

/** A response part as received. */
export interface GeminiPartOut {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: GeminiFunctionCallOut;
  inlineData?: { mimeType?: string; data?: string };
  fileData?: { mimeType?: string; fileUri?: string };
  executableCode?: unknown;
  codeExecutionResult?: unknown;
  [other: string]: unknown;
}

/** One candidate of a response. */
export interface GeminiCandidate {
  content?: { role?: string; parts?: GeminiPartOut[] };
  /** `STOP`, `MAX_TOKENS`, `SAFETY`, `RECITATION`, ... */
  finishReason?: string;
  finishMessage?: string;
  index?: number;
  safetyRatings?: unknown[];
  groundingMetadata?: unknown;
  citationMetadata?: unknown;
}

/** `usageMetadata`: token counts (streams repeat it, cumulative, on every chunk). */
export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  /** Visible output tokens; excludes `thoughtsTokenCount`. */
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
  [other: string]: unknown;
}

/** A `GenerateContentResponse`: the whole non-streaming body, or one SSE chunk of a stream. */
export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string; safetyRatings?: unknown[] };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  /** Present when the server reports an error inside a 200 stream. */
  error?: GeminiErrorDetail;
}

/** `error` of a Google API error body. */
export interface GeminiErrorDetail {
  /** HTTP status. */
  code?: number;
  message?: string;
  /** gRPC status name, e.g. `RESOURCE_EXHAUSTED`. */
  status?: string;
  /** `google.rpc` details; `RetryInfo` carries `retryDelay` such as `"34.4s"`. */
  details?: Array<{ "@type"?: string; retryDelay?: string; [other: string]: unknown }>;
}

/** A Google API error body. */
export interface GeminiErrorBody {
  error?: GeminiErrorDetail;
}
