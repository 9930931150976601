// Entry of the on-send bundle (onsend.js, one classic script; see handler.ts for what it does).
// Outlook loads it in its event runtime: classic Outlook on Windows loads this file directly (the
// manifest's <Override type="javascript">) and does not run Office.onReady there, so the handler is
// associated at load; Outlook on the web, new Outlook and Mac load onsend.html, which loads office.js
// and then this file. The name must match FunctionName in manifest.xml.
import { handleMessageSend, type SendEvent } from "./handler";

export const HANDLER_NAME = "onMessageSendHandler";

export function onMessageSendHandler(event: SendEvent): void {
  void handleMessageSend(event);
}

/** Associates the handler with Outlook; false on hosts without Office.actions (office.js missing or too old). */
export function register(): boolean {
  try {
    if (typeof Office === "undefined" || typeof Office.actions?.associate !== "function") return false;
    Office.actions.associate(HANDLER_NAME, onMessageSendHandler);
    return true;
  } catch {
    return false;
  }
}

register();
