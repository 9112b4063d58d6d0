/**
 * `GET /v1/models` (newest first, paginated by `after_id`/`before_id`/`limit` with `has_more`,
 * `first_id` and `last_id`) and `GET /v1/models/{model_id}`.
 * @module
 */
import type { FastifyInstance } from "fastify";
import { sendJson, sendWireError } from "../../kit/send.js";
import type { TwinKit } from "../../kit/types.js";
import { AnthropicRequestError, anthropicError } from "../errors.js";
import { type AnthropicModel, listedModels, resolveModel } from "../models.js";
import { expectNumber } from "../validate.js";
import { rejectInvalid } from "./messages.js";

const supported = (yes: boolean) => ({ supported: yes });

/** A model as `GET /v1/models` describes it. */
export function modelInfo(model: AnthropicModel): Record<string, unknown> {
  const effort = model.adaptive;
  return {
    type: "model",
    id: model.id,
    display_name: model.displayName,
    created_at: model.createdAt,
    max_input_tokens: model.maxInputTokens,
    max_tokens: model.maxOutputTokens,
    capabilities: {
      batch: supported(true),
      citations: supported(true),
      code_execution: supported(true),
      context_management: {
        supported: true,
        clear_thinking_20251015: supported(model.thinking),
        clear_tool_uses_20250919: supported(true),
        compact_20260112: supported(model.adaptive),
      },
      effort: {
        supported: effort,
        low: supported(effort),
        medium: supported(effort),
        high: supported(effort),
        max: supported(effort),
        xhigh: supported(effort),
      },
      image_input: supported(true),
      pdf_input: supported(true),
      server_tools: { supported: true, code_execution: supported(true), web_search: supported(true) },
      structured_outputs: supported(true),
      thinking: {
        supported: model.thinking,
        types: {
          adaptive: supported(model.adaptive),
          between_tools: supported(false),
          disabled: supported(true),
          enabled: supported(model.thinking),
        },
      },
    },
    lifecycle: model.lifecycle,
    line: model.line,
    deprecated_at: model.lifecycle === "deprecated" ? "2026-01-05T00:00:00Z" : null,
    retires_at: null,
  };
}

/** Registers the model routes. */
export function modelsRoutes(app: FastifyInstance, kit: TwinKit): void {
  app.get<{ Querystring: Record<string, string | string[] | undefined> }>("/v1/models", async (request, reply) => {
    try {
      const query = request.query;
      const limit = query.limit === undefined ? 20 : Number(query.limit);
      expectNumber(Number.isNaN(limit) ? query.limit : limit, "limit", { integer: true, min: 1, max: 1000 });
      const afterId = typeof query.after_id === "string" ? query.after_id : undefined;
      const beforeId = typeof query.before_id === "string" ? query.before_id : undefined;
      if (afterId !== undefined && beforeId !== undefined) {
        throw new AnthropicRequestError({ message: "Cannot specify both before_id and after_id" });
      }
      const lifecycle = [query.lifecycle, query["lifecycle[]"]].flat().filter((v): v is string => !!v);
      const all = listedModels(kit.options.models).filter(
        (m) => lifecycle.length === 0 || lifecycle.includes(m.lifecycle),
      );
      let page: AnthropicModel[];
      let hasMore: boolean;
      if (beforeId !== undefined) {
        const end = all.findIndex((m) => m.id === beforeId);
        const stop = end < 0 ? 0 : end;
        page = all.slice(Math.max(0, stop - limit), stop);
        hasMore = stop - limit > 0;
      } else {
        const start = afterId === undefined ? 0 : all.findIndex((m) => m.id === afterId) + 1;
        page = afterId !== undefined && start === 0 ? [] : all.slice(start, start + limit);
        hasMore = start + limit < all.length && page.length > 0;
      }
      return sendJson(request, reply, kit, {
        data: page.map(modelInfo),
        has_more: hasMore,
        first_id: page[0]?.id ?? null,
        last_id: page.at(-1)?.id ?? null,
      });
    } catch (error) {
      return rejectInvalid(reply, error);
    }
  });

  app.get<{ Params: { model_id: string } }>("/v1/models/:model_id", async (request, reply) => {
    const model = resolveModel(
      request.params.model_id,
      kit.options.models?.filter((m) => m !== "*"),
    );
    if (!model)
      return sendWireError(reply, anthropicError(404, "not_found_error", `model: ${request.params.model_id}`));
    return sendJson(request, reply, kit, modelInfo(model));
  });
}
