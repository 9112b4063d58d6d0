/**
 * `@darkfactory/cxdb/client`: clients for a CXDB-compatible server.
 * @module
 */

export { ConnectionError, errorFromBinary, NotImplementedError, RemoteError } from "../protocol/errors.js";
export {
  type AppendTurnInput,
  type BinaryAppendResult,
  type BinaryClientOptions,
  type BinaryContextHead,
  type BinaryTurn,
  CxdbBinaryClient,
  type U64Input,
} from "./binary-client.js";
export {
  type ContextSummary,
  CxdbHttpClient,
  type GetTurnsOptions,
  type HttpAppendInput,
  type HttpClientOptions,
  type TurnPage,
  type TurnView,
  type WireEvent,
} from "./http-client.js";
export type { SseEvent } from "./sse.js";
