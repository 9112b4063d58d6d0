/**
 * Injects faults into requests: the hook that asks the fault rules about every provider request,
 * and the code that answers an error fault in the provider's shape.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requestState } from "../request-state.js";
import { hang, sendWireError } from "../send.js";
import type { TwinKit } from "../types.js";
import { type Fault, isErrorFault } from "./types.js";

/**
 * Answers an error fault (`rate_limit`, `server_error`, `overloaded`, `hang`) with the
 * provider's body and headers; for `hang`, resolves when the client gives up.
 */
export async function answerErrorFault(
  kit: TwinKit,
  request: FastifyRequest,
  reply: FastifyReply,
  fault: Fault,
): Promise<FastifyReply> {
  const errors = kit.definition.errors;
  const model = requestState(request)?.entry.model;
  switch (fault.kind) {
    case "rate_limit":
      return sendWireError(reply, errors.rateLimited({ retryAfterSeconds: fault.retryAfterSeconds ?? 1, model }));
    case "server_error":
      return sendWireError(reply, errors.serverError(fault.status ?? 500));
    case "overloaded":
      return sendWireError(reply, errors.overloaded());
    case "hang":
      return hang(reply);
    default:
      throw new Error(`not an error fault: ${fault.kind}`);
  }
}

/**
 * True when `fault` strikes in the middle of a stream: an `overloaded` fault with `afterEvents`,
 * on a twin whose provider has a mid-stream error event for it (`TwinErrorBodies.streamError`).
 */
export function isMidStreamFault(kit: TwinKit, fault: Fault): boolean {
  return fault.kind === "overloaded" && fault.afterEvents !== undefined && !!kit.definition.errors.streamError?.(fault);
}

/**
 * Records `fault` on the request: error faults are answered now (true: the reply is handled);
 * stream faults (and mid-stream error faults, see {@link isMidStreamFault}) are kept for the
 * moment the answer is sent (false).
 */
export async function injectFault(
  kit: TwinKit,
  request: FastifyRequest,
  reply: FastifyReply,
  fault: Fault,
): Promise<boolean> {
  const state = requestState(request);
  if (state) state.entry.fault = fault.kind;
  if (isErrorFault(fault) && !isMidStreamFault(kit, fault)) {
    await answerErrorFault(kit, request, reply, fault);
    return true;
  }
  if (state) state.streamFault = fault;
  return false;
}

/**
 * Adds a `preHandler` hook to the provider context of `app`: every request (its body parsed, so
 * that the model is known) is offered to the fault rules.
 */
export function installFaultHook(app: FastifyInstance, kit: TwinKit): void {
  app.addHook("preHandler", async (request, reply) => {
    const pick = kit.faults.pick({
      path: request.url.split("?", 1)[0],
      model: kit.definition.modelOf?.(request),
    });
    if (pick && (await injectFault(kit, request, reply, pick.fault))) return reply;
  });
}
