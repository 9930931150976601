// The admin page's top bar: the title, and once signed in the user's name, sign-out and (on the
// main view) export and import of the catalog as a zip.
import { readClaims } from "./auth";
import { append, el } from "./dom";

export interface HeaderActions {
  onExport: () => void;
  onImport: (file: File) => void;
  onSignOut: () => void;
}

export function adminHeader(token: string | null, full: boolean, actions: HeaderActions): HTMLElement {
  const name = token ? readClaims(token)?.name : undefined;
  const right = el("div", { className: "header-actions" });
  if (token && full) {
    const file = el("input", { type: "file", accept: ".zip,application/zip", id: "import-file", testid: "import-file", hidden: true });
    file.addEventListener("change", () => {
      const chosen = file.files?.[0];
      file.value = "";
      if (chosen) actions.onImport(chosen);
    });
    append(
      right,
      el("button", { type: "button", className: "secondary small on-dark", testid: "export", onclick: () => actions.onExport() }, "Export zip"),
      el("button", { type: "button", className: "secondary small on-dark", testid: "import", onclick: () => file.click() }, "Import zip…"),
      file,
    );
  }
  if (token) {
    append(
      right,
      name ? el("span", { className: "user", testid: "user" }, name) : null,
      el("button", { type: "button", className: "secondary small on-dark", testid: "signout", onclick: () => actions.onSignOut() }, "Sign out"),
    );
  }
  return el("header", { className: "topbar" }, el("h1", {}, "OutlookSayNo ", el("span", { className: "thin" }, "Template admin")), right);
}
