// The UI routes: `/` and `/ui` redirect to `/ui/`, the static files are served with their types and
// a strict CSP, nothing outside the folder is reachable, each UI request gets its debug log line,
// and every relative import of the UI's modules names a file the server serves.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_UI_DIR } from "../../../src/http/routes/ui.js";
import { envelope, type HttpFixture, httpFixture } from "../../helpers/http.js";

const PACKAGE_DIR = fileURLToPath(new URL("../../../", import.meta.url));

let fx: HttpFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe("UI routes", () => {
  it("redirects / and /ui to /ui/ and serves index.html there", async () => {
    fx = await httpFixture();
    for (const url of ["/", "/ui"]) {
      const res = await fx.app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe("/ui/");
    }
    const page = await fx.app.inject({ method: "GET", url: "/ui/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(page.body).toContain('<script type="module" src="app.js"></script>');
  });

  it("serves modules, styles and nested views with their content types", async () => {
    fx = await httpFixture();
    const js = await fx.app.inject({ method: "GET", url: "/ui/views/context-view.js" });
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.body).toContain("export function contextView");
    const css = await fx.app.inject({ method: "GET", url: "/ui/css/context.css" });
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
  });

  it("answers 404 envelopes for unknown files and paths outside the folder", async () => {
    fx = await httpFixture();
    for (const url of ["/ui/nope.js", "/ui/..%2Fpackage.json", "/ui/%2e%2e/%2e%2e/package.json", "/ui/views"]) {
      const res = await fx.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
      expect(envelope(res.body).code).toBe(404);
    }
  });

  it("answers 404 when the UI folder is missing", async () => {
    fx = await httpFixture({ uiDir: path.join(PACKAGE_DIR, "no-such-ui") });
    const res = await fx.app.inject({ method: "GET", url: "/ui/" });
    expect(res.statusCode).toBe(404);
    expect(envelope(res.body).message).toMatch(/no UI file "index.html"/);
  });

  it("logs one debug line per UI request", async () => {
    const lines: string[] = [];
    fx = await httpFixture({ logger: { info: () => undefined, debug: (m) => lines.push(m) } });
    await fx.app.inject({ method: "GET", url: "/ui/app.js" });
    await fx.app.inject({ method: "GET", url: "/" });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET \/ui\/app\.js 200 \d+\.\dms$/);
    expect(lines[1]).toMatch(/^GET \/ 302 \d+\.\dms$/);
  });
});

describe("UI files", () => {
  it("live in the package's ui/ folder, which the package ships", () => {
    expect(path.resolve(DEFAULT_UI_DIR)).toBe(path.join(PACKAGE_DIR, "ui"));
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("ui");
  });

  it("link and import only files that exist", async () => {
    const html = readFileSync(path.join(DEFAULT_UI_DIR, "index.html"), "utf8");
    const links = [...html.matchAll(/(?:href|src)="([a-z][^":]*)"/g)].map((m) => m[1]);
    expect(links).toEqual(["css/base.css", "css/list.css", "css/context.css", "css/panel.css", "app.js"]);
    fx = await httpFixture();
    for (const link of links) expect((await fx.app.inject({ method: "GET", url: `/ui/${link}` })).statusCode).toBe(200);
    const files = listJs(DEFAULT_UI_DIR);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/^import [^"]*"(\.[^"]+)";$/gm)) {
        const target = path.resolve(path.dirname(file), match[1]);
        expect(files, `${path.relative(DEFAULT_UI_DIR, file)} imports ${match[1]}`).toContain(target);
      }
    }
  });
});

function listJs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listJs(path.join(dir, e.name)) : e.name.endsWith(".js") ? [path.join(dir, e.name)] : [],
  );
}
