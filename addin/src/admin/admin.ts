// Entry of the admin page (/admin/): Entra sign-in when the API serves its settings, else a
// development token from ?token= or localStorage; then the app.
import { loadConfig } from "../shared/auth";
import { pageTokenProvider } from "../shared/entra";
import { showStartFailure } from "../shared/signin-view";
import { AdminApi } from "./api";
import { AdminApp } from "./app";
import { captureTokenFromUrl, devTokenProvider, safeStorage } from "./auth";

async function boot(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  const storage = safeStorage();
  const tokens = await pageTokenProvider(
    () => loadConfig(),
    () => {
      captureTokenFromUrl(window.location, window.history, storage);
      return devTokenProvider(storage);
    },
  );
  const api = new AdminApi({ getToken: () => tokens.getToken() });
  await new AdminApp({ root, api, tokens }).start();
}

void boot().catch((e: unknown) => showStartFailure(document.getElementById("app"), e));
