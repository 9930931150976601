// The Office dialog fallback for sign-in (hosts without NestedAppAuth 1.1): signs in with a
// redirect inside the dialog, then posts { token, expiresOn } or { error } to the task pane.
import { PublicClientApplication } from "@azure/msal-browser";
import { loadConfig } from "../shared/auth";

function send(message: { token: string; expiresOn?: number } | { error: string }): void {
  Office.context.ui.messageParent(JSON.stringify(message));
}

async function run(): Promise<void> {
  const config = await loadConfig();
  if (!config) {
    send({ error: "sign-in is not configured (no /addin/config.json)" });
    return;
  }
  const pca = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority ?? "https://login.microsoftonline.com/common",
      redirectUri: location.origin + location.pathname,
    },
    cache: { cacheLocation: "sessionStorage" },
  });
  await pca.initialize();
  // ?interactive=1 (and ?claims=): the API could not use the token we had for the mailbox (consent, or a
  // Conditional Access claims challenge), so a cached token will not do: sign in, with the claims if any.
  const query = new URLSearchParams(location.search);
  const claims = query.get("claims") ?? undefined;
  const interactive = query.has("interactive") || claims !== undefined;
  const request = { scopes: [config.scope], ...(claims ? { claims } : {}) };
  const redirected = await pca.handleRedirectPromise();
  if (redirected?.accessToken) {
    send({ token: redirected.accessToken, expiresOn: redirected.expiresOn?.getTime() });
    return;
  }
  const account = pca.getAllAccounts()[0];
  if (account && !interactive) {
    try {
      const silent = await pca.acquireTokenSilent({ ...request, account });
      send({ token: silent.accessToken, expiresOn: silent.expiresOn?.getTime() });
      return;
    } catch {
      /* fall through to the redirect */
    }
  }
  await pca.acquireTokenRedirect(request);
}

void Office.onReady(() =>
  run().catch((e: unknown) => send({ error: e instanceof Error ? e.message : String(e) })),
);
