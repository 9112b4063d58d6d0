/**
 * Blob routes: `GET /v1/blobs/{hash}` (raw bytes) and `PUT /v1/blobs/{hash}` (store bytes whose
 * BLAKE3-256 must be `hash`).
 * @module
 */
import type { FastifyPluginAsync } from "fastify";
import { InvalidArgumentError } from "../../store/errors.js";
import type { Store } from "../../store/store.js";

/** Blob routes; PUT bodies are read as raw bytes whatever their content type. */
export function blobRoutes(store: Store): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

    app.get<{ Params: { hash: string } }>("/v1/blobs/:hash", async (request, reply) => {
      const bytes = store.getBlob(request.params.hash);
      return reply
        .type("application/octet-stream")
        .header("X-Content-Hash", request.params.hash.toLowerCase())
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });

    app.put<{ Params: { hash: string } }>("/v1/blobs/:hash", async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new InvalidArgumentError({ message: "blob body is missing" });
      const out = store.putBlob(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), {
        hash: request.params.hash,
      });
      reply.code(out.wasNew ? 201 : 200);
      return { hash: out.hash, was_new: out.wasNew };
    });
  };
}
