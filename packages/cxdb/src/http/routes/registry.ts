/**
 * Registry routes: bundles (`PUT`/`GET /v1/registry/bundles/{id}` with ETag and If-None-Match),
 * type-version descriptors, the type list and the renderers of each type's latest version.
 * @module
 */
import type { FastifyPluginAsync } from "fastify";
import { InvalidArgumentError, NotFoundError } from "../../store/errors.js";
import type { Store } from "../../store/store.js";

/** Registry routes; bundle bodies are read as text (any content type) so their bytes are kept. */
export function registryRoutes(store: Store): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));

    app.put<{ Params: { bundleId: string } }>("/v1/registry/bundles/:bundleId", async (request, reply) => {
      const body = request.body;
      if (typeof body !== "string" || body.trim() === "")
        throw new InvalidArgumentError({ message: "bundle body is empty" });
      const out = store.putBundle(request.params.bundleId, body);
      reply.header("ETag", out.etag);
      if (!out.created) return reply.code(204).send();
      return reply.code(201).send({ bundle_id: out.bundleId });
    });

    app.get<{ Params: { bundleId: string } }>("/v1/registry/bundles/:bundleId", async (request, reply) => {
      const bundle = store.registry.getBundle(request.params.bundleId);
      if (bundle === undefined) throw new NotFoundError({ message: `bundle not found: ${request.params.bundleId}` });
      reply.header("ETag", bundle.etag).header("Cache-Control", "public, max-age=31536000, immutable");
      const match = request.headers["if-none-match"];
      if (match?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bundle.etag)) {
        return reply.code(304).send();
      }
      return reply.type("application/json").send(bundle.body);
    });

    app.get("/v1/registry/types", async () => ({
      types: store.registry.listTypes().map((t) => ({
        type_id: t.typeId,
        latest_version: t.latestVersion,
        versions: t.versions,
        bundle_id: t.bundleId,
      })),
    }));

    app.get<{ Params: { typeId: string; version: string } }>(
      "/v1/registry/types/:typeId/versions/:version",
      async (request) => {
        const { typeId, version } = request.params;
        if (!/^\d{1,10}$/.test(version) || Number(version) > 0xffffffff) {
          throw new InvalidArgumentError({ message: `type version must be a u32, got ${JSON.stringify(version)}` });
        }
        const spec = store.registry.requireTypeVersion(typeId, Number(version));
        const fields: Record<string, unknown> = {};
        for (const f of [...spec.fields.values()].sort((a, b) => a.tag - b.tag)) fields[String(f.tag)] = f.json;
        const out: Record<string, unknown> = {
          type_id: typeId,
          type_version: spec.version,
          fields,
          bundle_id: spec.bundleId,
        };
        if (spec.renderer !== undefined) out.renderer = rendererJson(spec.renderer);
        return out;
      },
    );

    app.get("/v1/registry/renderers", async () => {
      const renderers: Record<string, unknown> = {};
      for (const [typeId, spec] of store.registry.renderers()) renderers[typeId] = rendererJson(spec);
      return { renderers };
    });
  };
}

function rendererJson(spec: { esmUrl: string; component?: string; integrity?: string }): Record<string, unknown> {
  const out: Record<string, unknown> = { esm_url: spec.esmUrl };
  if (spec.component !== undefined) out.component = spec.component;
  if (spec.integrity !== undefined) out.integrity = spec.integrity;
  return out;
}
