// The file snapshot a turn sees (its own or its nearest ancestor's): a breadcrumb, directory
// listings, and files shown as text (or a hex dump when they are not UTF-8).
import { getFs } from "../api.js";
import { bytes, fromBase64, h, hexDump, kv, utf8 } from "../dom.js";
import { fsHref } from "../router.js";

/**
 * Loads `path` of the snapshot turn `turnId` sees; resolves to the panel's content.
 * @param {string} contextId
 * @param {string} turnId
 * @param {string} path  `/`-separated, "" for the root
 */
export async function fsBrowser(contextId, turnId, path) {
  const node = await getFs(turnId, path);
  const crumbs = breadcrumb(contextId, turnId, path);
  if (Array.isArray(node.entries)) {
    const entries = [...node.entries].sort(
      (a, b) => Number(b.kind === "dir") - Number(a.kind === "dir") || a.name.localeCompare(b.name),
    );
    return [
      crumbs,
      h("div", { class: "muted small" }, "root ", h("span", { class: "mono" }, node.fs_root_hash)),
      h(
        "table",
        { class: "fs-list" },
        h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", { class: "num" }, "Size"), h("th", {}, "Mode"))),
        h(
          "tbody",
          {},
          entries.length === 0 && h("tr", {}, h("td", { colspan: "3", class: "muted" }, "Empty directory.")),
          ...entries.map((e) => {
            const child = path === "" ? e.name : `${path}/${e.name}`;
            return h(
              "tr",
              { class: `fs-entry kind-${e.kind}`, dataset: { name: e.name, kind: e.kind } },
              h(
                "td",
                {},
                h(
                  "span",
                  { class: "fs-icon", "aria-hidden": "true" },
                  e.kind === "dir" ? "▸" : e.kind === "symlink" ? "↪" : "·",
                ),
                h("a", { href: fsHref(contextId, turnId, child) }, e.kind === "dir" ? `${e.name}/` : e.name),
              ),
              h("td", { class: "num muted" }, e.kind === "dir" ? "" : bytes(e.size)),
              h("td", { class: "mono muted" }, e.mode),
            );
          }),
        ),
      ),
    ];
  }
  const data = fromBase64(node.content_base64 ?? "");
  const text = utf8(data);
  return [
    crumbs,
    kv([
      ["Size", `${node.size} bytes${node.size >= 1024 ? ` (${bytes(node.size)})` : ""}`],
      ["Mode", h("span", { class: "mono" }, node.mode)],
      ["Kind", node.kind],
      ["Hash", h("span", { class: "mono hash" }, node.hash)],
    ]),
    text === undefined
      ? [h("p", { class: "muted" }, "Binary file; first bytes:"), h("pre", { class: "hexdump" }, hexDump(data, 2048))]
      : h("pre", { class: "file-content" }, text),
  ];
}

function breadcrumb(contextId, turnId, path) {
  const parts = path.split("/").filter((p) => p !== "");
  const links = [h("a", { href: fsHref(contextId, turnId, "") }, "/")];
  parts.forEach((part, i) => {
    const here = parts.slice(0, i + 1).join("/");
    if (i > 0) links.push(h("span", { class: "sep" }, "/"));
    links.push(
      i === parts.length - 1 ? h("strong", {}, part) : h("a", { href: fsHref(contextId, turnId, here) }, part),
    );
  });
  return h("nav", { class: "breadcrumb mono", "aria-label": "path" }, ...links);
}
