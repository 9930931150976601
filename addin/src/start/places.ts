// The pages the start page lists, and development sign-in for them.
import { PANE_TOKEN_KEY } from "../shared/auth";
import { readProblem } from "../shared/http";

export interface Place {
  id: string;
  title: string;
  path: string;
  what: string;
  /** The role "sign in as" gives in Development; none for Swagger. */
  role?: "AccountManager" | "TemplateAdmin" | "ComplianceReviewer";
  roleLabel?: string;
  /** Where the page looks for a development token besides ?token= (the pane's key). */
  storageKey?: string;
  /** Served in Development only (the demo pane). */
  developmentOnly?: boolean;
}

export const PLACES: readonly Place[] = [
  {
    id: "pane",
    title: "The pane",
    path: "/try/",
    what: "The Outlook pane beside sample customer emails: open one and get the draft reply.",
    role: "AccountManager",
    roleLabel: "account manager",
    storageKey: PANE_TOKEN_KEY,
    developmentOnly: true,
  },
  {
    id: "admin",
    title: "Template admin",
    path: "/admin/",
    what: "Templates, partials, facts and kinds, with a live preview.",
    role: "TemplateAdmin",
    roleLabel: "template admin",
  },
  {
    id: "compliance",
    title: "Compliance review",
    path: "/compliance/",
    what: "Every draft in the log, its checks and edits, and the review actions.",
    role: "ComplianceReviewer",
    roleLabel: "compliance reviewer",
  },
  { id: "swagger", title: "API reference (Swagger)", path: "/swagger", what: "Every route of the API; Authorize with a token to try one." },
];

/** The page's address with the token, which the page moves into its storage and out of the address bar. */
export function signInAddress(place: Place, token: string): string {
  return `${place.path}?token=${encodeURIComponent(token)}`;
}

/** A development token for the role from the API (Development only). */
export async function mintDevToken(role: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  let response: Response;
  try {
    response = await fetchImpl("/dev/token", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ role }),
    });
  } catch {
    throw new Error("The API could not be reached. Is it running?");
  }
  if (!response.ok) {
    const problem = await readProblem<{ title?: string; detail?: string }>(response);
    throw new Error(problem?.detail ?? problem?.title ?? `Development sign-in failed (${response.status}).`);
  }
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== "string" || !body.token) throw new Error("The API sent no token.");
  return body.token;
}
