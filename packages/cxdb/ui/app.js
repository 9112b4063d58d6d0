// Entry point: opens the event stream, shows its state in the header, and mounts the view the
// hash names (a view stays mounted while only its panel changes).
import { connectEvents } from "./events.js";
import { parseHash } from "./router.js";
import { contextListView } from "./views/context-list.js";
import { contextView } from "./views/context-view.js";

const main = document.getElementById("main");
const conn = document.getElementById("conn");

connectEvents((connected) => {
  conn.classList.toggle("on", connected);
  conn.textContent = connected ? "live" : "reconnecting…";
  conn.title = connected ? "receiving /v1/events" : "the event stream is down; retrying";
});

/** @type {{ key: string, view: { el: HTMLElement, update(route: unknown): void, destroy(): void } } | undefined} */
let mounted;

function show() {
  const route = parseHash(location.hash);
  const key = route.name === "context" ? `context:${route.contextId}` : "list";
  if (mounted?.key === key) {
    mounted.view.update(route);
    return;
  }
  mounted?.view.destroy();
  const view = route.name === "context" ? contextView(route) : contextListView(route);
  mounted = { key, view };
  main.replaceChildren(view.el);
  if (route.name === "list") document.title = "Contexts · CXDB";
  window.scrollTo(0, 0);
}

window.addEventListener("hashchange", show);
if (location.hash === "" || location.hash === "#" || location.hash === "#/") location.replace("#/contexts");
else show();
