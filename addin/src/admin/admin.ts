// Entry of the admin page (/admin/): token from ?token= or localStorage, then the app.
import { AdminApi } from "./api";
import { captureTokenFromUrl, devTokenProvider, safeStorage } from "./auth";
import { AdminApp } from "./app";

function boot(): void {
  const root = document.getElementById("app");
  if (!root) return;
  const storage = safeStorage();
  captureTokenFromUrl(window.location, window.history, storage);
  const tokens = devTokenProvider(storage);
  const api = new AdminApi({ getToken: () => tokens.getToken() });
  void new AdminApp({ root, api, tokens }).start();
}

boot();
