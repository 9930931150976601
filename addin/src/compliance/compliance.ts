// Entry of the compliance review page (/compliance/): token from ?token= or localStorage, then the app.
import { ComplianceApi } from "./api";
import { ComplianceApp } from "./app";
import { captureTokenFromUrl, devTokenProvider, safeStorage } from "./auth";

function boot(): void {
  const root = document.getElementById("app");
  if (!root) return;
  const storage = safeStorage();
  captureTokenFromUrl(window.location, window.history, storage);
  const tokens = devTokenProvider(storage);
  const api = new ComplianceApi({ getToken: () => tokens.getToken() });
  void new ComplianceApp({ root, api, tokens }).start();
}

boot();
