// Reads node groups out of the SVG Graphviz writes (one `<g id="node_<id>" class="node ...">` per node).

/** The markup of node `id`'s group: from its `<g id="node_<id>"` to the next element comment. */
export function nodeGroup(svg: string, id: string): string {
  const start = svg.indexOf(`<g id="node_${id}" class="node`);
  if (start < 0) throw new Error(`no node group for ${id} in the SVG`);
  const end = svg.indexOf("<!--", start);
  return svg.slice(start, end < 0 ? undefined : end);
}

/** The fill of node `id`'s outline shape (its first polygon, ellipse or path). */
export function nodeFill(svg: string, id: string): string {
  const shape = /<(?:polygon|ellipse|path)\b[^>]*\bfill="([^"]+)"/.exec(nodeGroup(svg, id));
  if (!shape) throw new Error(`node ${id} has no filled shape`);
  return shape[1];
}

/** The stroke colour and width of node `id`'s outline shape (width `1` when Graphviz omits it). */
export function nodeStroke(svg: string, id: string): { color: string; width: string } {
  const shape = /<(?:polygon|ellipse|path)\b[^>]*>/.exec(nodeGroup(svg, id))?.[0] ?? "";
  return {
    color: /\bstroke="([^"]+)"/.exec(shape)?.[1] ?? "",
    width: /\bstroke-width="([^"]+)"/.exec(shape)?.[1] ?? "1",
  };
}
