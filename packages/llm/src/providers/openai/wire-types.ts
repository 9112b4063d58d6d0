/**
 * OpenAI Responses API wire types (`POST /v1/responses`), in the provider's snake_case.
 * Request bodies are checked against the official SDK's create-params types (type-only import:
 * `openai` is a devDependency and nothing of it reaches the compiled JS). Response and stream
 * types are written here, loosely, because the API adds item and event types faster than any SDK
 * release; the translators treat every unknown item type as a provider item.
 * @module
 */
import type {
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
  ResponseFunctionToolCall,
  ResponseInputItem,
  ResponseOutputMessage,
} from "openai/resources/responses/responses";

export type {
  FunctionTool,
  ResponseInputContent,
  ResponseInputImage,
  ResponseInputItem,
} from "openai/resources/responses/responses";

/**
 * An assistant message replayed as input, with `output_text` parts (the API rejects
 * `input_text` in assistant messages). The API accepts it without `id` and `status`, which the
 * SDK's {@link ResponseOutputMessage} demands, since those only exist for stored items.
 */
export type AssistantInputMessage = Omit<ResponseOutputMessage, "id" | "status"> &
  Partial<Pick<ResponseOutputMessage, "id" | "status">>;

/** Who made a function call: the model, or (programmatic tool calling) a program item. */
export interface FunctionCallCaller {
  type: string;
  caller_id?: string;
}

/** A function call replayed as input, with the `caller` newer models attach (not in SDK 6.30.1). */
export type FunctionCallInputItem = ResponseFunctionToolCall & { caller?: FunctionCallCaller };

/** One item of the request's `input` array. */
export type OpenAIInputItem = ResponseInputItem | AssistantInputMessage | FunctionCallInputItem;

type WithInput<P> = Omit<P, "input"> & { input: OpenAIInputItem[] };

/** The body of a non-streaming `POST /responses`: the SDK's create params, `input` widened as above. */
export type OpenAIRequestBody = WithInput<ResponseCreateParamsNonStreaming>;

/** The body of a streaming `POST /responses` (`stream: true`). */
export type OpenAIStreamingRequestBody = WithInput<ResponseCreateParamsStreaming>;

/** `usage` of a response, in tokens. */
export interface WireUsage {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  input_tokens_details?: { cached_tokens?: number | null } | null;
  output_tokens_details?: { reasoning_tokens?: number | null } | null;
}

/** A content part of an output `message` item. */
export interface WireOutputContent {
  type: string;
  text?: string;
  refusal?: string;
}

/** An output item. `type` names it; fields not read by the translators are kept in the raw item. */
export interface WireOutputItem {
  type: string;
  id?: string;
  status?: string;
  /** message */
  role?: string;
  content?: WireOutputContent[];
  /** reasoning */
  summary?: { type: string; text: string }[];
  encrypted_content?: string | null;
  /** function_call, custom_tool_call */
  call_id?: string;
  name?: string;
  arguments?: string;
  input?: string;
  namespace?: string;
  caller?: FunctionCallCaller;
}

/** A `response` object (the non-streaming body, and the payload of `response.*` lifecycle events). */
export interface WireResponse {
  id?: string;
  model?: string;
  /** `completed`, `incomplete`, `failed`, `cancelled`, `in_progress`, `queued`. */
  status?: string;
  output?: WireOutputItem[];
  usage?: WireUsage | null;
  incomplete_details?: { reason?: string } | null;
  error?: { code?: string | null; message?: string } | null;
}

/** An error as OpenAI reports it, in an HTTP error body or a stream `error` event. */
export interface WireError {
  message?: string;
  type?: string;
  code?: string | number | null;
  param?: string | null;
}

/** One stream event (the SSE `data:` JSON). Fields depend on `type`. */
export interface WireStreamEvent {
  type: string;
  sequence_number?: number;
  response?: WireResponse;
  output_index?: number;
  content_index?: number;
  summary_index?: number;
  item_id?: string;
  item?: WireOutputItem;
  delta?: string;
  text?: string;
  refusal?: string;
  arguments?: string;
  input?: string;
  /** `error` events: flat fields, or a nested `error` object. */
  code?: string | null;
  message?: string;
  param?: string | null;
  error?: WireError;
}
