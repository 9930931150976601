// DOM building for the pane. Email-derived text only ever goes through textContent / text nodes (or a
// control's value); HTML (the draft's) only through DOMPurify into a fragment. Nothing assigns innerHTML.
import DOMPurify from "dompurify";

export { append, clear, el, type Child } from "../shared/dom";
import { el } from "../shared/dom";

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
