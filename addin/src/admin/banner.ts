// The admin page's banner: one message at a time under the top bar, an error (with "Try again"
// when there is something to retry) or a note, until dismissed.
import { clear, el, replace } from "./dom";

export class Banner {
  readonly root = el("div", { className: "banner", testid: "banner", hidden: true });

  show(content: string | Node, tone: "error" | "info", retry?: () => void): void {
    replace(
      this.root,
      el("div", { className: "banner-content" }, content),
      retry ? el("button", { type: "button", className: "secondary small", testid: "banner-retry", onclick: () => (this.hide(), retry()) }, "Try again") : null,
      el("button", { type: "button", className: "link small", "aria-label": "Dismiss", testid: "banner-dismiss", onclick: () => this.hide() }, "Dismiss"),
    );
    this.root.className = `banner banner-${tone}`;
    this.root.setAttribute("role", tone === "error" ? "alert" : "status");
    this.root.dataset.tone = tone;
    this.root.hidden = false;
  }

  hide(): void {
    this.root.hidden = true;
    clear(this.root);
  }
}
