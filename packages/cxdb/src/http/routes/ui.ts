/**
 * The web UI: `GET /` redirects to `/ui/`, and `/ui/*` serves the static HTML, CSS and ES modules
 * of the package's `ui/` folder (no build step). Files are listed once when the app is built and
 * only those are served, so no request path can reach outside the folder.
 * @module
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyPluginAsync } from "fastify";
import { NotFoundError } from "../../store/errors.js";

/** The package's `ui/` folder: `../../../ui` from both `src/http/routes/` and `dist/http/routes/`. */
export const DEFAULT_UI_DIR = fileURLToPath(new URL("../../../ui/", import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/**
 * The UI may only load its own files and call its own origin; payload text is never markup
 * (the scripts build DOM nodes with `textContent`), and this keeps it so should one slip.
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Options of {@link uiRoutes}. */
export interface UiRouteOptions {
  /** Folder of the UI files. Default {@link DEFAULT_UI_DIR}. */
  dir?: string;
}

/** UI routes; a missing folder leaves `/ui/` answering 404 with the envelope. */
export function uiRoutes(options: UiRouteOptions = {}): FastifyPluginAsync {
  return async (app) => {
    const files = listFiles(options.dir ?? DEFAULT_UI_DIR);

    app.get("/", async (_request, reply) => reply.redirect("/ui/", 302));
    app.get("/ui", async (_request, reply) => reply.redirect("/ui/", 302));
    app.get<{ Params: { "*": string } }>("/ui/*", async (request, reply) => {
      const name = request.params["*"] === "" ? "index.html" : request.params["*"];
      const file = files.get(name);
      if (file === undefined) throw new NotFoundError({ message: `no UI file ${JSON.stringify(name)}` });
      return reply
        .type(CONTENT_TYPES[path.extname(name)] ?? "application/octet-stream")
        .header("Cache-Control", "no-cache")
        .header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .send(await readFile(file));
    });
  };
}

/** Relative path (with `/`) → absolute path of every file under `dir` whose type is known. */
function listFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (abs: string, rel: string): void => {
    for (const entry of readdirSync(abs)) {
      const full = path.join(abs, entry);
      const name = rel === "" ? entry : `${rel}/${entry}`;
      if (statSync(full).isDirectory()) walk(full, name);
      else if (CONTENT_TYPES[path.extname(entry)] !== undefined) out.set(name, full);
    }
  };
  walk(dir, "");
  return out;
}
