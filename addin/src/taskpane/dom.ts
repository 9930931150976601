// DOM building for the pane. Email-derived text only ever goes through textContent / text nodes (or a
// control's value); HTML (the draft's) only through DOMPurify into a fragment. Nothing assigns innerHTML.
import DOMPurify from "dompurify";

export type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | undefined | EventListener>;

/** createElement with attributes, listeners (on*) and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "className") {
      node.className = String(value);
    } else if (key === "value" && "value" in node) {
      (node as HTMLInputElement).value = String(value);
    } else if (key === "checked" && "checked" in node) {
      (node as HTMLInputElement).checked = value === true;
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

export function clear(node: Element): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** HTML (the draft's, or one made from the edited text), sanitised, as a fragment to append. */
export function sanitizeToFragment(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    USE_PROFILES: { html: true },
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed", "img"],
    FORBID_ATTR: ["style", "srcset"],
  });
}

export interface Action {
  label: string;
  onClick: () => void;
  primary?: boolean;
  disabled?: boolean;
  id?: string;
}

export function actionRow(actions: Action[], className = "actions"): HTMLElement {
  return el(
    "div",
    { className },
    ...actions.map((a) =>
      el("button", { type: "button", id: a.id, className: a.primary ? "primary" : "secondary", disabled: a.disabled, onclick: () => a.onClick() }, a.label),
    ),
  );
}
