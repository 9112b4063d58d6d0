/**
 * Context metadata and provenance from tag 30 of a `cxdb.ConversationItem` first turn, with the
 * field tags of CXDB's Go client (`types/conversation.go`, `types/provenance.go`). Integer and
 * digit-string keys are both accepted (the Go client writes `"30"`).
 * @module
 */
import { decodeMsgpack, field, MsgMap, type MsgValue, tagsOf } from "./msgpack.js";
import type { ContextMetadata, Provenance } from "./types.js";

/** Type id whose first turn carries context metadata. */
export const CONVERSATION_ITEM_TYPE = "cxdb.ConversationItem";

/** Tag of `ContextMetadata` inside a ConversationItem. */
export const CONTEXT_METADATA_TAG = 30;

type Kind = "string" | "int";
const PROVENANCE_FIELDS: ReadonlyArray<readonly [number, keyof Provenance, Kind]> = [
  [1, "parentContextId", "int"],
  [2, "spawnReason", "string"],
  [3, "rootContextId", "int"],
  [10, "traceId", "string"],
  [11, "spanId", "string"],
  [12, "correlationId", "string"],
  [20, "onBehalfOf", "string"],
  [21, "onBehalfOfSource", "string"],
  [22, "onBehalfOfEmail", "string"],
  [30, "writerMethod", "string"],
  [31, "writerSubject", "string"],
  [32, "writerIssuer", "string"],
  [40, "serviceName", "string"],
  [41, "serviceVersion", "string"],
  [42, "serviceInstanceId", "string"],
  [43, "processPid", "int"],
  [44, "processOwner", "string"],
  [45, "hostName", "string"],
  [46, "hostArch", "string"],
  [50, "clientAddress", "string"],
  [51, "clientPort", "int"],
  [70, "sdkName", "string"],
  [71, "sdkVersion", "string"],
  [80, "capturedAt", "int"],
];

/**
 * Extracts context metadata from a first turn's payload.
 * @returns undefined when the type is not `cxdb.ConversationItem`, the payload is not a map, or
 *   tag 30 holds nothing usable. Never throws.
 */
export function extractContextMetadata(typeId: string, payload: Uint8Array): ContextMetadata | undefined {
  if (typeId !== CONVERSATION_ITEM_TYPE) return undefined;
  let root: MsgValue;
  try {
    root = decodeMsgpack(payload);
  } catch {
    return undefined;
  }
  return metadataFromValue(field(root, CONTEXT_METADATA_TAG));
}

/** Metadata from a decoded tag-30 value (a map keyed 1 client_tag, 2 title, 3 labels, 4 custom, 10 provenance). */
export function metadataFromValue(value: MsgValue | undefined): ContextMetadata | undefined {
  if (!(value instanceof MsgMap)) return undefined;
  const tags = tagsOf(value);
  const meta: ContextMetadata = {};
  const clientTag = asString(tags.get(1));
  if (clientTag !== undefined && clientTag !== "") meta.clientTag = clientTag;
  const title = asString(tags.get(2));
  if (title !== undefined && title !== "") meta.title = title;
  const labels = tags.get(3);
  if (Array.isArray(labels)) {
    const list = labels.filter((l): l is string => typeof l === "string");
    if (list.length > 0) meta.labels = list;
  }
  const custom = asStringMap(tags.get(4));
  if (custom !== undefined) meta.custom = custom;
  const prov = tags.get(10);
  if (prov instanceof MsgMap) meta.provenance = provenanceFromValue(prov);
  return Object.keys(meta).length > 0 ? meta : undefined;
}

function provenanceFromValue(map: MsgMap): Provenance {
  const tags = tagsOf(map);
  const out: Record<string, unknown> = {};
  for (const [tag, name, kind] of PROVENANCE_FIELDS) {
    const value = kind === "string" ? asString(tags.get(tag)) : asInt(tags.get(tag));
    if (value !== undefined) out[name] = value;
  }
  const env = asStringMap(tags.get(60));
  if (env !== undefined) out.env = env;
  return out as Provenance;
}

/**
 * Effective metadata: what the first turn says, field by field, over what the context was created
 * with. Undefined when both are empty.
 */
export function mergeMetadata(
  fromTurn: ContextMetadata | undefined,
  fromCreate: ContextMetadata | undefined,
): ContextMetadata | undefined {
  if (fromTurn === undefined) return fromCreate;
  if (fromCreate === undefined) return fromTurn;
  return { ...fromCreate, ...fromTurn };
}

function asString(value: MsgValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function asInt(value: MsgValue | undefined): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "bigint") return Number(value);
  return undefined;
}

function asStringMap(value: MsgValue | undefined): Record<string, string> | undefined {
  if (!(value instanceof MsgMap)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of value.entries) if (typeof k === "string" && typeof v === "string") out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}
