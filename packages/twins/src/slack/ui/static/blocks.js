// Block Kit on the page: a message's blocks (section, header, context, divider, actions) with their
// buttons and selects, and a modal's (the same, plus input blocks with text inputs and selects).
// All text goes in as text nodes; clicks and choices go to the callbacks of `ctx`.
import { renderMrkdwn } from "./mrkdwn.js";
import { el } from "./render.js";

/** A text object (`plain_text` or `mrkdwn`) as nodes. */
function textNode(text, names) {
  if (!text) return document.createDocumentFragment();
  if (text.type === "mrkdwn") return renderMrkdwn(text.text ?? "", names);
  return document.createTextNode(text.text ?? "");
}

/** The options of a select (its `options`, or those of its `option_groups`). */
function optionsOf(element) {
  return [...(element.options ?? []), ...(element.option_groups ?? []).flatMap((g) => g.options ?? [])];
}

/**
 * A `<select>` of a static select or overflow menu; `onChoose(option)` when one is chosen.
 * @param chosen the value of the option shown as chosen, if any.
 */
function selectNode(element, onChoose, chosen) {
  const select = el("select", "block-select");
  select.dataset.actionId = element.action_id ?? "";
  const label = element.type === "overflow" ? "⋯" : (element.placeholder?.text ?? "Select an option");
  select.setAttribute("aria-label", label);
  const placeholder = el("option", "", label);
  placeholder.value = "";
  placeholder.disabled = true;
  placeholder.selected = chosen === undefined;
  select.append(placeholder);
  for (const option of optionsOf(element)) {
    const node = el("option", "", option.text?.text ?? option.value);
    node.value = option.value;
    node.selected = option.value === chosen;
    select.append(node);
  }
  select.addEventListener("change", () => onChoose(optionsOf(element).find((o) => o.value === select.value)));
  return select;
}

/** A button or select of a message, which reports to `ctx.onAction(message, action)`. */
function actionElement(element, blockId, message, ctx) {
  const action = { action_id: element.action_id, ...(blockId ? { block_id: blockId } : {}) };
  if (element.type === "button") {
    const button = el("button", `block-button ${element.style ?? ""}`.trim(), element.text?.text ?? "");
    button.type = "button";
    button.dataset.actionId = element.action_id ?? "";
    button.addEventListener("click", () => ctx.onAction(message, action));
    return button;
  }
  if (element.type === "static_select" || element.type === "overflow") {
    return selectNode(element, (option) => ctx.onAction(message, { ...action, value: option.value }));
  }
  return undefined;
}

/** The blocks every surface shows; `accessory(element)` makes a section's accessory, when any. */
function commonBlock(block, names, accessory) {
  switch (block.type) {
    case "header":
      return el("div", "block-header", block.text?.text ?? "");
    case "divider":
      return el("hr", "block-divider");
    case "context": {
      const node = el("div", "block-context");
      for (const item of block.elements ?? []) if (item.text !== undefined) node.append(textNode(item, names), " ");
      return node;
    }
    case "section": {
      const node = el("div", "block-section");
      const text = el("div", "block-text");
      text.append(textNode(block.text, names));
      for (const field of block.fields ?? []) {
        const cell = el("div", "block-field");
        cell.append(textNode(field, names));
        text.append(cell);
      }
      node.append(text);
      const extra = block.accessory && accessory(block.accessory);
      if (extra) node.append(extra);
      return node;
    }
    default:
      return undefined;
  }
}

/**
 * The blocks of `message` (shown instead of its text), or undefined when none is of a type the
 * page shows (`rich_text`, `image`, ...: the text is shown then).
 * @param ctx `{ names, onAction(message, {action_id, block_id?, value?}) }`
 */
export function messageBlocks(message, ctx) {
  const node = el("div", "blocks");
  for (const block of message.blocks) {
    const blockId = block.block_id;
    const shown =
      block.type === "actions"
        ? el("div", "block-actions")
        : commonBlock(block, ctx.names, (element) => actionElement(element, blockId, message, ctx));
    if (block.type === "actions") {
      for (const element of block.elements ?? []) {
        const control = actionElement(element, blockId, message, ctx);
        if (control) shown.append(control);
      }
    }
    if (shown) node.append(shown);
  }
  return node.childElementCount > 0 ? node : undefined;
}

/**
 * An input block's control, and how to read its value (`{type, value}` or `{type, selected_option}`).
 * @param entered its value as last submitted, if any.
 */
function inputControl(element, entered) {
  if (element.type === "static_select") {
    let chosen = entered?.selected_option ?? null;
    const select = selectNode(
      element,
      (option) => {
        chosen = option ? { text: option.text, value: option.value } : null;
      },
      chosen?.value,
    );
    return { node: select, read: () => ({ type: "static_select", selected_option: chosen }) };
  }
  const field = el(element.multiline ? "textarea" : "input", "block-input");
  if (!element.multiline) field.type = "text";
  field.value = entered ? (entered.value ?? "") : (element.initial_value ?? "");
  if (element.placeholder?.text) field.placeholder = element.placeholder.text;
  return { node: field, read: () => ({ type: "plain_text_input", value: field.value === "" ? null : field.value }) };
}

/**
 * A modal: title, blocks (input blocks with their label, control and error), and its close and
 * submit buttons.
 * @param ctx `{ names, values: state.values last submitted, errors: {block_id: message}, onSubmit(values),
 *   onClose() }`
 */
export function modalDialog(view, ctx) {
  const dialog = el("div", "modal");
  dialog.setAttribute("role", "dialog");
  dialog.setAttribute("aria-modal", "true");
  dialog.dataset.viewId = view.id;
  const title = el("h2", "modal-title", view.title?.text ?? "");
  dialog.setAttribute("aria-label", view.title?.text ?? "Modal");
  const body = el("div", "modal-body");
  const readers = [];
  for (const block of view.blocks ?? []) {
    if (block.type !== "input") {
      const shown = commonBlock(block, ctx.names, () => undefined);
      if (shown) body.append(shown);
      continue;
    }
    const wrapper = el("label", "block-input-wrapper");
    wrapper.append(el("span", "block-label", block.label?.text ?? ""));
    const actionId = block.element?.action_id;
    const control = inputControl(block.element ?? {}, ctx.values?.[block.block_id]?.[actionId]);
    wrapper.append(control.node);
    const error = ctx.errors?.[block.block_id];
    if (error) wrapper.append(el("span", "block-error", error));
    body.append(wrapper);
    readers.push([block.block_id, actionId, control.read]);
  }
  const footer = el("div", "modal-footer");
  const close = el("button", "modal-close", view.close?.text ?? "Cancel");
  close.type = "button";
  close.addEventListener("click", () => ctx.onClose());
  footer.append(close);
  if (view.submit) {
    const submit = el("button", "modal-submit", view.submit.text ?? "Submit");
    submit.type = "button";
    submit.addEventListener("click", () => {
      const values = {};
      for (const [blockId, actionId, read] of readers) values[blockId] = { [actionId]: read() };
      ctx.onSubmit(values);
    });
    footer.append(submit);
  }
  dialog.append(title, body, footer);
  const overlay = el("div", "modal-overlay");
  overlay.append(dialog);
  return overlay;
}
