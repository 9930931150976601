// Entry: Office.onReady -> start the pane.
import { SayNoApi } from "./api";
import { type AuthConfig, createTokenProvider, loadConfig, safeLocalStorage } from "./auth";
import { officeMailbox, onItemChanged } from "./mailbox";
import { Pane } from "./pane";

/** `configLoad` is started before Office is ready, so the sign-in settings arrive while office.js starts. */
export async function startPane(root: HTMLElement, configLoad: Promise<AuthConfig | null> = loadConfig()): Promise<Pane> {
  const config = await configLoad;
  const tokens = createTokenProvider(config);
  const api = new SayNoApi({ tokens });
  const pane = new Pane({ root, api, mailbox: officeMailbox, auth: tokens, storage: safeLocalStorage() });
  await pane.start();
  await onItemChanged(() => void pane.start());
  return pane;
}

function boot(): void {
  const root = document.getElementById("app");
  if (!root) return;
  if (typeof Office === "undefined") {
    root.textContent = "Office.js did not load. Open Say no from Outlook.";
    return;
  }
  const configLoad = loadConfig();
  void Office.onReady(() => startPane(root, configLoad));
}

boot();
