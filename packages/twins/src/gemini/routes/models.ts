/**
 * `GET /{version}/models` (paginated: `pageSize`, default 50, at most 1000; `pageToken` /
 * `nextPageToken`) and `GET /{version}/models/{model}`.
 * @module
 */
import type { FastifyInstance } from "fastify";
import { sendJson, sendWireError } from "../../kit/send.js";
import type { TwinKit } from "../../kit/types.js";
import { GeminiRequestError, googleError } from "../errors.js";
import { listedModels, modelResource, resolveModel } from "../models.js";
import { API_VERSIONS } from "./generate-content.js";

/** Models per page when the request sets no `pageSize`. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page. */
export const MAX_PAGE_SIZE = 1000;

const encodeToken = (offset: number): string => Buffer.from(`offset:${offset}`, "utf8").toString("base64url");

function decodeToken(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  return match ? Number(match[1]) : undefined;
}

/** Registers the model routes. */
export function modelsRoutes(app: FastifyInstance, kit: TwinKit): void {
  for (const version of API_VERSIONS) {
    app.get<{ Querystring: { pageSize?: string; pageToken?: string } }>(
      `/${version}/models`,
      async (request, reply) => {
        const { pageSize, pageToken } = request.query;
        const size = pageSize === undefined || pageSize === "" ? DEFAULT_PAGE_SIZE : Number(pageSize);
        if (!Number.isInteger(size)) {
          const description = `Invalid value at 'page_size' (TYPE_INT32), "${pageSize}"`;
          return sendWireError(
            reply,
            new GeminiRequestError({
              message: description,
              violations: [{ field: "page_size", description }],
            }).toWire(),
          );
        }
        const offset = pageToken ? decodeToken(pageToken) : 0;
        if (offset === undefined)
          return sendWireError(reply, googleError(400, "INVALID_ARGUMENT", "Invalid page token."));
        const models = listedModels(kit.options.models);
        const limit = size <= 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
        const page = models.slice(offset, offset + limit);
        const next = offset + limit < models.length ? encodeToken(offset + limit) : undefined;
        return sendJson(request, reply, kit, {
          models: page.map(modelResource),
          ...(next ? { nextPageToken: next } : {}),
        });
      },
    );

    app.get<{ Params: { model: string } }>(`/${version}/models/:model`, async (request, reply) => {
      const model = resolveModel(request.params.model, kit.options.models);
      if (!model) {
        return sendWireError(
          reply,
          googleError(404, "NOT_FOUND", `models/${request.params.model} is not found for API version ${version}`),
        );
      }
      return sendJson(request, reply, kit, modelResource(model));
    });
  }
}
