/**
 * Encodes a {@link ConversationItem} as msgpack exactly as CXDB's Go client writes the same value:
 * one layout table per Go struct (tag, property, Go kind), every field written (zero values and
 * nil pointers included, as the Go encoder has no `omitempty`), tags as digit-string keys in
 * declaration (= ascending tag) order.
 * @module
 */
import type { ContextMetadata, Provenance } from "../store/types.js";
import type {
  AssistantMessage,
  AssistantTurn,
  ConversationItem,
  HandoffInfo,
  SystemMessage,
  ToolCallError,
  ToolCallItem,
  ToolCallRequest,
  ToolCallResult,
  ToolResultMessage,
  TurnMetrics,
  UserInput,
} from "./conversation-item.js";
import { GoMsgpackWriter } from "./go-msgpack.js";

/**
 * Go kind of a field: `string`, `bool`, `int` (Go int/int64, zero when absent), `intPtr` (*int,
 * *int64: nil when absent), `uint64Ptr`, `strings` ([]string), `stringMap` (map[string]string),
 * `struct` (*T: nil when absent) and `structs` ([]T).
 */
export type GoKind =
  | { kind: "string" }
  | { kind: "bool" }
  | { kind: "int" }
  | { kind: "intPtr" }
  | { kind: "uint64Ptr" }
  | { kind: "strings" }
  | { kind: "stringMap" }
  | { kind: "struct"; layout: StructLayout }
  | { kind: "structs"; layout: StructLayout };

/** One field of a Go struct. */
export interface FieldLayout {
  tag: number;
  /** Property of the TypeScript shape. */
  key: string;
  type: GoKind;
}

/** A Go struct: the registry type id its descriptor has, and its fields in tag order. */
export interface StructLayout {
  typeId: string;
  fields: readonly FieldLayout[];
}

const STRING = { kind: "string" } as const;
const BOOL = { kind: "bool" } as const;
const INT = { kind: "int" } as const;
const INT_PTR = { kind: "intPtr" } as const;
const UINT64_PTR = { kind: "uint64Ptr" } as const;

/** Builds a layout, checking at compile time that every key is a property of `T`. */
function layout<T>(typeId: string, fields: ReadonlyArray<[number, keyof T & string, GoKind]>): StructLayout {
  return { typeId, fields: fields.map(([tag, key, type]) => ({ tag, key, type })) };
}
const ref = (l: StructLayout): GoKind => ({ kind: "struct", layout: l });

const PROVENANCE = layout<Provenance>("cxdb.Provenance", [
  [1, "parentContextId", UINT64_PTR],
  [2, "spawnReason", STRING],
  [3, "rootContextId", UINT64_PTR],
  [10, "traceId", STRING],
  [11, "spanId", STRING],
  [12, "correlationId", STRING],
  [20, "onBehalfOf", STRING],
  [21, "onBehalfOfSource", STRING],
  [22, "onBehalfOfEmail", STRING],
  [30, "writerMethod", STRING],
  [31, "writerSubject", STRING],
  [32, "writerIssuer", STRING],
  [40, "serviceName", STRING],
  [41, "serviceVersion", STRING],
  [42, "serviceInstanceId", STRING],
  [43, "processPid", INT],
  [44, "processOwner", STRING],
  [45, "hostName", STRING],
  [46, "hostArch", STRING],
  [50, "clientAddress", STRING],
  [51, "clientPort", INT],
  [60, "env", { kind: "stringMap" }],
  [70, "sdkName", STRING],
  [71, "sdkVersion", STRING],
  [80, "capturedAt", INT],
]);
const CONTEXT_METADATA = layout<ContextMetadata>("cxdb.ContextMetadata", [
  [1, "clientTag", STRING],
  [2, "title", STRING],
  [3, "labels", { kind: "strings" }],
  [4, "custom", { kind: "stringMap" }],
  [10, "provenance", ref(PROVENANCE)],
]);
const USER_INPUT = layout<UserInput>("cxdb.UserInput", [
  [1, "text", STRING],
  [2, "files", { kind: "strings" }],
]);
const TOOL_CALL_RESULT = layout<ToolCallResult>("cxdb.ToolCallResult", [
  [1, "content", STRING],
  [2, "contentTruncated", BOOL],
  [3, "success", BOOL],
  [4, "exitCode", INT_PTR],
]);
const TOOL_CALL_ERROR = layout<ToolCallError>("cxdb.ToolCallError", [
  [1, "code", STRING],
  [2, "message", STRING],
  [3, "exitCode", INT_PTR],
]);
const TOOL_CALL_ITEM = layout<ToolCallItem>("cxdb.ToolCallItem", [
  [1, "id", STRING],
  [2, "name", STRING],
  [3, "args", STRING],
  [4, "status", STRING],
  [5, "description", STRING],
  [6, "streamingOutput", STRING],
  [7, "streamingOutputTruncated", BOOL],
  [8, "result", ref(TOOL_CALL_RESULT)],
  [9, "error", ref(TOOL_CALL_ERROR)],
  [10, "durationMs", INT],
]);
const TURN_METRICS = layout<TurnMetrics>("cxdb.TurnMetrics", [
  [1, "inputTokens", INT],
  [2, "outputTokens", INT],
  [3, "totalTokens", INT],
  [4, "cachedTokens", INT_PTR],
  [5, "reasoningTokens", INT_PTR],
  [6, "durationMs", INT_PTR],
  [7, "model", STRING],
]);
const ASSISTANT_TURN = layout<AssistantTurn>("cxdb.AssistantTurn", [
  [1, "text", STRING],
  [2, "toolCalls", { kind: "structs", layout: TOOL_CALL_ITEM }],
  [3, "reasoning", STRING],
  [4, "metrics", ref(TURN_METRICS)],
  [5, "agent", STRING],
  [6, "turnNumber", INT],
  [7, "maxTurns", INT],
  [8, "finishReason", STRING],
]);
const SYSTEM_MESSAGE = layout<SystemMessage>("cxdb.SystemMessage", [
  [1, "kind", STRING],
  [2, "title", STRING],
  [3, "content", STRING],
]);
const HANDOFF_INFO = layout<HandoffInfo>("cxdb.HandoffInfo", [
  [1, "fromAgent", STRING],
  [2, "toAgent", STRING],
  [3, "toolName", STRING],
  [4, "input", STRING],
  [5, "reason", STRING],
]);
const ASSISTANT = layout<AssistantMessage>("cxdb.Assistant", [
  [1, "text", STRING],
  [2, "reasoning", STRING],
  [3, "model", STRING],
  [4, "inputTokens", INT],
  [5, "outputTokens", INT],
  [6, "stopReason", STRING],
]);
const TOOL_CALL = layout<ToolCallRequest>("cxdb.ToolCall", [
  [1, "callId", STRING],
  [2, "name", STRING],
  [3, "args", STRING],
  [4, "description", STRING],
]);
const TOOL_RESULT = layout<ToolResultMessage>("cxdb.ToolResult", [
  [1, "callId", STRING],
  [2, "content", STRING],
  [3, "isError", BOOL],
  [4, "exitCode", INT_PTR],
  [5, "streamingOutput", STRING],
  [6, "outputTruncated", BOOL],
  [7, "durationMs", INT],
]);

/** Layout of `cxdb.ConversationItem` v3 and, through its fields, of every nested struct. */
export const CONVERSATION_ITEM_LAYOUT: StructLayout = layout<ConversationItem>("cxdb.ConversationItem", [
  [1, "itemType", STRING],
  [2, "status", STRING],
  [3, "timestampMs", INT],
  [4, "id", STRING],
  [10, "userInput", ref(USER_INPUT)],
  [11, "turn", ref(ASSISTANT_TURN)],
  [12, "system", ref(SYSTEM_MESSAGE)],
  [13, "handoff", ref(HANDOFF_INFO)],
  [20, "assistant", ref(ASSISTANT)],
  [21, "toolCall", ref(TOOL_CALL)],
  [22, "toolResult", ref(TOOL_RESULT)],
  [30, "contextMetadata", ref(CONTEXT_METADATA)],
]);

/**
 * The msgpack payload of `item`, byte for byte what CXDB's Go client (`cxdb.EncodeMsgpack`) writes
 * for the same `types.ConversationItem`: a 12-entry map with digit-string tags, absent strings as
 * `""`, absent numbers as 0, absent variants as nil. Numbers are rounded to integers (Go ints).
 * Properties not in the layout are ignored.
 * @throws InvalidArgumentError when a number is not finite or beyond 2^53 (or a context id is negative).
 */
export function encodeConversationItem(item: ConversationItem): Uint8Array {
  const out = new GoMsgpackWriter();
  writeStruct(out, CONVERSATION_ITEM_LAYOUT, item as object);
  return out.finish();
}

function writeStruct(out: GoMsgpackWriter, struct: StructLayout, value: object): void {
  const record = value as Record<string, unknown>;
  out.mapHeader(struct.fields.length);
  for (const field of struct.fields) {
    out.string(String(field.tag));
    writeField(out, field.type, record[field.key]);
  }
}

function writeField(out: GoMsgpackWriter, type: GoKind, value: unknown): void {
  switch (type.kind) {
    case "string":
      out.string(typeof value === "string" ? value : "");
      break;
    case "bool":
      out.bool(value === true);
      break;
    case "int":
      out.int64(typeof value === "number" ? Math.round(value) : 0);
      break;
    case "intPtr":
      if (typeof value === "number") out.int64(Math.round(value));
      else out.nil();
      break;
    case "uint64Ptr":
      if (typeof value === "number") out.uint64(Math.round(value));
      else out.nil();
      break;
    case "strings":
      out.strings(Array.isArray(value) ? (value as string[]) : undefined);
      break;
    case "stringMap":
      out.stringMap(isObject(value) ? (value as Record<string, string>) : undefined);
      break;
    case "struct":
      if (isObject(value)) writeStruct(out, type.layout, value);
      else out.nil();
      break;
    case "structs":
      if (!Array.isArray(value)) {
        out.nil();
        break;
      }
      out.arrayHeader(value.length);
      for (const entry of value) writeStruct(out, type.layout, isObject(entry) ? entry : {});
      break;
    default: {
      const never: never = type;
      throw new Error(`unknown Go kind ${JSON.stringify(never)}`);
    }
  }
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
