/**
 * CXDB's error envelope, `{"error":{"code":<status>,"message":"..."}}`, for every failure: store
 * errors, malformed JSON, oversized bodies, unknown routes, unexpected exceptions.
 * @module
 */
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { CqlError, CxdbError } from "../store/errors.js";
import type { Metrics } from "../store/metrics.js";

/** The error body CXDB sends (CQL errors add `error_type`, `position`, `field`). */
export interface ErrorEnvelope {
  error: { code: number; message: string; [extra: string]: unknown };
}

/** Builds the envelope for `error` and the status to send it with. */
export function toEnvelope(error: unknown, bodyLimit: number): { status: number; body: ErrorEnvelope } {
  if (CxdbError.isInstance(error)) {
    const body: ErrorEnvelope = { error: { code: error.status, message: error.message } };
    if (error instanceof CqlError) {
      body.error.error_type = error.errorType;
      body.error.position = error.position ?? null;
      body.error.field = error.field ?? null;
    }
    return { status: error.status, body };
  }
  const fastifyError = error as Partial<FastifyError>;
  const status =
    typeof fastifyError.statusCode === "number" && fastifyError.statusCode >= 400 ? fastifyError.statusCode : 500;
  let message = fastifyError.message ?? String(error);
  switch (fastifyError.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      message = `request body is larger than the ${bodyLimit}-byte limit`;
      break;
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      message = `unsupported content type: ${message}`;
      break;
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      message = "request body is empty but content-type is application/json";
      break;
    default:
      if (status === 400 && error instanceof SyntaxError) message = `malformed JSON body: ${message}`;
      else if (status === 500) message = `internal error: ${message}`;
  }
  return { status, body: { error: { code: status, message } } };
}

/** Installs the error and not-found handlers that answer with the envelope. */
export function installErrorHandlers(app: FastifyInstance, metrics: Metrics, bodyLimit: number): void {
  app.setErrorHandler((error, _request, reply) => {
    const { status, body } = toEnvelope(error, bodyLimit);
    if (status >= 500) metrics.recordError("http_internal");
    sendEnvelope(reply, status, body);
  });
  app.setNotFoundHandler((request, reply) => {
    sendEnvelope(reply, 404, {
      error: { code: 404, message: `no route for ${request.method} ${request.url.split("?")[0]}` },
    });
  });
}

function sendEnvelope(reply: FastifyReply, status: number, body: ErrorEnvelope): void {
  reply.code(status).type("application/json").send(body);
}
