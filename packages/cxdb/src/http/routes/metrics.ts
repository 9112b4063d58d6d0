/**
 * `GET /v1/metrics` (counters, latencies, object counts and storage sizes, in the spirit of CXDB's
 * snapshot) and `GET /v1/stats` (the documented short form).
 * @module
 */
import os from "node:os";
import type { FastifyPluginAsync } from "fastify";
import type { Store } from "../../store/store.js";

/** Metrics routes. */
export function metricsRoutes(store: Store): FastifyPluginAsync {
  return async (app) => {
    app.get("/v1/metrics", async () => {
      const stats = store.stats();
      const m = store.metrics;
      const memory = process.memoryUsage();
      const sessions = store.sessions.active();
      return {
        ts: new Date().toISOString(),
        uptime_seconds: m.uptimeSeconds(),
        memory: {
          sys_total_bytes: os.totalmem(),
          sys_free_bytes: os.freemem(),
          process_rss_bytes: memory.rss,
          process_heap_bytes: memory.heapUsed,
        },
        sessions: {
          active: sessions.length,
          last_activity_unix_ms: Math.max(0, ...sessions.map((s) => s.lastActivityAtUnixMs)),
        },
        objects: {
          contexts_total: stats.contexts,
          turns_total: stats.turns,
          blobs_total: stats.blobs,
          heads_total: stats.contexts,
          registry_types_total: stats.registryTypes,
          registry_bundles_total: stats.registryBundles,
        },
        storage: {
          db_bytes: stats.dbBytes,
          wal_bytes: stats.walBytes,
          blobs_raw_bytes: stats.blobRawBytes,
          blobs_stored_bytes: stats.blobStoredBytes,
        },
        filesystem: { snapshots_total: stats.fsSnapshots },
        perf: {
          append_total: m.total("append"),
          append_latency_ms: m.latency("append"),
          get_last_total: m.total("get_last"),
          get_last_latency_ms: m.latency("get_last"),
          get_blob_total: m.total("get_blob"),
          get_blob_latency_ms: m.latency("get_blob"),
          registry_ingest_total: m.total("registry_ingest"),
          http_req_total: m.total("http"),
          http_latency_ms: m.latency("http"),
          http_by_status: m.httpByStatus(),
          blob_dedup_hits: m.dedupHits,
        },
        errors: m.errorCounts(),
      };
    });
    app.get("/v1/stats", async () => {
      const stats = store.stats();
      const appends = store.metrics.total("append");
      return {
        contexts: stats.contexts,
        turns: stats.turns,
        blobs: stats.blobs,
        storage_bytes: stats.dbBytes + stats.walBytes,
        dedup_hit_rate: appends === 0 ? 0 : store.metrics.dedupHits / appends,
      };
    });
  };
}
