/**
 * @darkfactory/cxdb: a context store compatible with StrongDM's CXDB: an immutable Turn DAG over a
 * BLAKE3 content-addressed blob store, embedded in one SQLite file, with CXDB's HTTP API and
 * binary protocol. Clients live at `@darkfactory/cxdb/client`.
 * @module
 */

// HTTP gateway and servers
export { buildHttpApp, DEFAULT_BODY_LIMIT, type HttpAppOptions } from "./http/app.js";
export { eventJson } from "./http/routes/events.js";
export { type CxdbLogger, silentLogger } from "./logger.js";
// Binary protocol codec (pure functions over Uint8Array; u64 as bigint)
export {
  type ConnectionSession,
  dispatchFrame,
  dispatchRequest,
  errorFrame,
  PROTOCOL_VERSION,
} from "./protocol/dispatch.js";
export {
  ConnectionError,
  errorFromBinary,
  MalformedPayloadError,
  NotImplementedError,
  RemoteError,
  UnknownMessageTypeError,
} from "./protocol/errors.js";
export {
  decodeFrameHeader,
  encodeFrame,
  FLAG_HAS_FS_ROOT,
  FRAME_HEADER_BYTES,
  type Frame,
  type FrameHeader,
  FrameReader,
  type FrameReaderEvent,
  type FrameReaderRemainder,
  MAX_FRAME_PAYLOAD_BYTES,
  MsgType,
  msgTypeName,
  writeFrameHeader,
} from "./protocol/frame.js";
export {
  type AppendTurnRequest,
  type AppendTurnResponse,
  appendTurnFlags,
  decodeAppendTurnRequest,
  decodeAppendTurnResponse,
  encodeAppendTurnRequest,
  encodeAppendTurnResponse,
} from "./protocol/messages/append-turn.js";
export {
  type AttachFsMessage,
  decodeAttachFsRequest,
  decodeAttachFsResponse,
  encodeAttachFsRequest,
  encodeAttachFsResponse,
} from "./protocol/messages/attach-fs.js";
export {
  decodeGetBlobRequest,
  decodeGetBlobResponse,
  decodePutBlobRequest,
  decodePutBlobResponse,
  encodeGetBlobRequest,
  encodeGetBlobResponse,
  encodePutBlobRequest,
  encodePutBlobResponse,
  type GetBlobRequest,
  type GetBlobResponse,
  type PutBlobRequest,
  type PutBlobResponse,
} from "./protocol/messages/blob.js";
export {
  type BaseTurnRequest,
  type ContextHeadResponse,
  decodeContextHeadResponse,
  decodeCtxCreateRequest,
  decodeCtxForkRequest,
  decodeGetHeadRequest,
  encodeContextHeadResponse,
  encodeCtxCreateRequest,
  encodeCtxForkRequest,
  encodeGetHeadRequest,
  type GetHeadRequest,
} from "./protocol/messages/context.js";
export { decodeErrorResponse, type ErrorResponse, encodeErrorResponse } from "./protocol/messages/error.js";
export {
  decodeGetLastRequest,
  decodeGetLastResponse,
  encodeGetLastRequest,
  encodeGetLastResponse,
  type GetLastRequest,
  type GetLastResponse,
  type TurnItem,
} from "./protocol/messages/get-last.js";
export {
  decodeHelloRequest,
  decodeHelloResponse,
  encodeHelloRequest,
  encodeHelloResponse,
  type HelloRequest,
  type HelloResponse,
} from "./protocol/messages/hello.js";
export {
  type BinaryServer,
  type BinaryServerOptions,
  DEFAULT_BINARY_PORT,
  MAX_APPENDS_IN_FLIGHT,
  startBinaryServer,
} from "./protocol/server.js";
// Recorder: contexts of cxdb.ConversationItem turns, into an embedded store or a remote server
export { CONVERSATION_ITEM_BUNDLE, CONVERSATION_ITEM_BUNDLE_ID } from "./recorder/conversation-bundle.js";
export {
  type AssistantMessage,
  type AssistantTurn,
  CONVERSATION_ITEM_VERSION,
  type ConversationItem,
  type HandoffInfo,
  type ItemStatus,
  type ItemType,
  type SystemKind,
  type SystemMessage,
  type ToolCallError,
  type ToolCallItem,
  type ToolCallRequest,
  type ToolCallResult,
  type ToolCallStatus,
  type ToolResultMessage,
  type TurnMetrics,
  type UserInput,
} from "./recorder/conversation-item.js";
export { encodeConversationItem } from "./recorder/encode-conversation-item.js";
export {
  assistantItem,
  assistantTurnItem,
  handoffItem,
  type ItemOptions,
  systemItem,
  toolCallItem,
  toolResultItem,
  userInputItem,
} from "./recorder/items.js";
export {
  newSpanId,
  newTraceId,
  type ProcessProvenanceOptions,
  processProvenance,
  SDK_NAME,
} from "./recorder/provenance.js";
export { DEFAULT_REQUEST_TIMEOUT_MS, isRemoteTarget, openRecorder, recordToStore } from "./recorder/recorder.js";
export type {
  ChildSessionOptions,
  ContextRecorder,
  RecorderOptions,
  RecordingReport,
  SessionOptions,
  SessionRecorder,
} from "./recorder/types.js";
export {
  type CxdbServer,
  DEFAULT_HTTP_PORT,
  DEFAULT_PORT,
  type ServerOptions,
  STORE_FILE,
  startServer,
} from "./server.js";
// Store (library API)
export { Compression, Encoding, MAX_IDEMPOTENCY_KEY_BYTES, MAX_TYPE_ID_BYTES } from "./store/append.js";
export { Codec } from "./store/codec.js";
export type { SearchResult } from "./store/context-views.js";
export type { CqlExpression, CqlField, CqlOperator, CqlQuery, CqlValue } from "./store/cql/ast.js";
export { CQL_FIELDS } from "./store/cql/ast.js";
export { parseCql } from "./store/cql/parser.js";
export {
  BusyError,
  ConflictError,
  CqlError,
  type CqlErrorType,
  type CqlPosition,
  CxdbError,
  type CxdbErrorOptions,
  errorFromStatus,
  HashMismatchError,
  InternalError,
  InvalidArgumentError,
  MissingDescriptorError,
  NotFoundError,
  PayloadTooLargeError,
  RegistryConflictError,
  toCxdbError,
  UnprocessableError,
} from "./store/errors.js";
export type {
  ClientConnectedEvent,
  ClientDisconnectedEvent,
  ContextCreatedEvent,
  ContextMetadataUpdatedEvent,
  StoreEvent,
  StoreEventListener,
  TurnAppendedEvent,
} from "./store/events.js";
export { StoreEventBus } from "./store/events.js";
export type { FsEntry, FsEntryInput, FsEntryKind, FsFileInput, FsNode } from "./store/fs-tree.js";
export { decodeTree, encodeTree } from "./store/fs-tree.js";
export { blake3, blake3Hex, bytesToHex, type HashInput, hexToBytes, initHashing } from "./store/hash.js";
export { type IdInput, MAX_ID } from "./store/ids.js";
export { CONVERSATION_ITEM_TYPE, extractContextMetadata } from "./store/metadata.js";
export type { LatencySummary, MetricOp } from "./store/metrics.js";
export { Metrics } from "./store/metrics.js";
export { decodeMsgpack, MsgExt, MsgFloat, MsgMap, type MsgValue, tagOf } from "./store/msgpack.js";
export { encodeMsgpack } from "./store/msgpack-encode.js";
export { DEFAULT_PAYLOAD_CACHE_BYTES, PayloadCache } from "./store/payload-cache.js";
export {
  DEFAULT_RENDER_OPTIONS,
  type JsonValue,
  projectPayload,
  projectTurn,
  type RenderOptions,
  renderGeneric,
  type TypedProjection,
  type TypeHint,
} from "./store/projection.js";
export type { StoredBundle, TypeSummary } from "./store/registry.js";
export { Registry } from "./store/registry.js";
export {
  canonicalJson,
  type FieldSpec,
  type ItemsSpec,
  parseBundle,
  type RendererSpec,
  type TypeVersionSpec,
} from "./store/registry-bundle.js";
export type { ClientSession } from "./store/sessions.js";
export { SessionTracker } from "./store/sessions.js";
export { DEFAULT_MAX_BLOB_BYTES, MAX_BATCH, openStore, Store } from "./store/store.js";
export type {
  AppendInput,
  AppendResult,
  ChildContext,
  ContextHead,
  ContextInfo,
  ContextMetadata,
  ContextPage,
  CreateContextOptions,
  ListContextsOptions,
  Provenance,
  PutBlobResult,
  ReadTurnsOptions,
  StoreOptions,
  StoreStats,
  TurnRecord,
} from "./store/types.js";
