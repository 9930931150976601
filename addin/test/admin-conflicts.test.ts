import { describe, expect, it, vi } from "vitest";
import { AdminApi } from "../src/admin/api";
import { ConflictsView } from "../src/admin/conflicts-view";

describe("conflicts view", () => {
  it("shows database and folder side by side as text, and resolves with the chosen side", async () => {
    const requests: { url: string; body: unknown }[] = [];
    let resolved = false;
    const fetchMock = vi.fn(async (url: RequestInfo | URL, init: RequestInit = {}) => {
      if (init.method === "POST") {
        requests.push({ url: String(url), body: JSON.parse(init.body as string) });
        resolved = true;
        return new Response(JSON.stringify({ id: 5, path: "_partials/closing.scriban", version: 3, content: "folder" }), { status: 200, headers: { "Content-Type": "application/json" } });
      }
      const list = resolved
        ? []
        : [
            {
              path: "_partials/closing.scriban",
              databaseVersion: 2,
              databaseContent: "Best regards,\n<script>db()</script>",
              folderContent: "Kind regards,\n<b>folder</b>",
              folderSha256: "abc",
              reason: "Edited here and changed in the folder.",
              detectedAtUtc: "2026-11-22T10:00:00Z",
            },
          ];
      return new Response(JSON.stringify(list), { status: 200, headers: { "Content-Type": "application/json" } });
    });
    const api = new AdminApi({ baseUrl: "http://x", getToken: async () => "t", fetch: fetchMock as typeof fetch });
    const onResolved = vi.fn();
    const view = new ConflictsView({ api, onResolved, onError: () => false });
    document.body.replaceChildren(view.root);
    await view.load();

    const card = document.querySelector('[data-testid="conflict-_partials/closing.scriban"]')!;
    expect(card.querySelector('[data-testid="database-content"]')!.textContent).toBe("Best regards,\n<script>db()</script>");
    expect(card.querySelector('[data-testid="folder-content"]')!.textContent).toBe("Kind regards,\n<b>folder</b>");
    expect(document.querySelector("script, b")).toBeNull();
    expect(card.textContent).toContain("database version 2");

    card.querySelector<HTMLButtonElement>('[data-testid="take-folder"]')!.click();
    await vi.waitFor(() => expect(onResolved).toHaveBeenCalledWith("_partials/closing.scriban"));
    expect(requests).toEqual([{ url: "http://x/api/templates/conflicts/resolve", body: { path: "_partials/closing.scriban", keep: "folder" } }]);
    await vi.waitFor(() => expect(document.querySelector('[data-testid="conflicts-status"]')!.textContent).toBe("No conflicts."));
  });
});
