// Entra ID sign-in for the admin, compliance and start pages: MSAL's redirect flow with the pane's
// app registration (client id, authority and scope from /addin/config.json). The page leaves for
// Entra's sign-in and comes back to its own address, which must be registered as a single-page-app
// redirect URI. Tokens are cached in localStorage, so one sign-in serves every page of the site.
import type { AuthConfig, TokenProvider } from "./auth";

type Msal = typeof import("@azure/msal-browser");
type Client = InstanceType<Msal["PublicClientApplication"]>;

export interface EntraOptions {
  location?: Pick<Location, "origin" | "pathname">;
  /** MSAL, loaded only on this path so development pages never download it. */
  loadMsal?: () => Promise<Msal>;
}

/** MSAL's settings for a page: redirect back to the page itself; the authority's host is trusted as it
 * is (no cloud discovery call), which also lets a sovereign cloud or a test stand-in be configured. */
export function msalConfiguration(config: AuthConfig, location: Pick<Location, "origin" | "pathname">) {
  const authority = config.authority ?? "https://login.microsoftonline.com/common";
  return {
    auth: {
      clientId: config.clientId,
      authority,
      knownAuthorities: [new URL(authority).host],
      redirectUri: location.origin + location.pathname,
      navigateToLoginRequestUrl: true,
    },
    cache: { cacheLocation: "localStorage" },
  };
}

/** Finishes a sign-in the page is coming back from, then hands out tokens for the API's scope. */
export async function entraTokenProvider(config: AuthConfig, options: EntraOptions = {}): Promise<TokenProvider> {
  const location = options.location ?? globalThis.location;
  const msal = await (options.loadMsal ?? (() => import("@azure/msal-browser")))();
  const client: Client = new msal.PublicClientApplication(msalConfiguration(config, location));
  await client.initialize();
  const returned = await client.handleRedirectPromise();
  if (returned?.account) client.setActiveAccount(returned.account);
  const request = { scopes: [config.scope] };

  return {
    kind: "entra",
    async getToken() {
      const account = client.getActiveAccount() ?? client.getAllAccounts()[0];
      if (!account) return null;
      try {
        const result = await client.acquireTokenSilent({ ...request, account });
        return result.accessToken || null;
      } catch {
        // Expired sign-in, consent or a policy needs the user: show the sign-in button.
        return null;
      }
    },
    setToken() {
      /* Entra tokens come from MSAL only */
    },
    async signIn() {
      await client.loginRedirect({ ...request, prompt: "select_account" });
    },
    clear() {
      void client.clearCache().catch(() => undefined);
    },
  };
}

/** The page's token provider: Entra when the API serves sign-in settings, else development tokens. */
export async function pageTokenProvider(
  loadConfig: () => Promise<AuthConfig | null>,
  dev: () => TokenProvider,
  entra: (config: AuthConfig) => Promise<TokenProvider> = entraTokenProvider,
): Promise<TokenProvider> {
  const config = await loadConfig();
  return config ? entra(config) : dev();
}
