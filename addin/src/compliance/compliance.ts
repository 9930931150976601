// Entry of the compliance review page (/compliance/): Entra sign-in when the API serves its
// settings, else a development token from ?token= or localStorage; then the app.
import { loadConfig } from "../shared/auth";
import { pageTokenProvider } from "../shared/entra";
import { showStartFailure } from "../shared/signin-view";
import { ComplianceApi } from "./api";
import { ComplianceApp } from "./app";
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
  const api = new ComplianceApi({ getToken: () => tokens.getToken() });
  await new ComplianceApp({ root, api, tokens }).start();
}

void boot().catch((e: unknown) => showStartFailure(document.getElementById("app"), e));
