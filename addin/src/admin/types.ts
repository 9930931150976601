// Shapes of the template administration API (docs/templates-api.md).

import type { Audience, CheckName, Checks, ProblemDetails as SharedProblemDetails } from "../shared/types";

export { AUDIENCES, CHECKS, type Audience, type CheckName, type Checks } from "../shared/types";

/** The units the API accepts for a fact (KindCatalog.DataUnits). "label" is not one of them. */
export const FACT_UNITS = ["percent", "money", "days", "hours", "months", "number", "date", "text"] as const;
export type FactUnit = (typeof FACT_UNITS)[number];

export interface UserRef {
  id: string;
  name: string;
}

export interface DocumentVersion {
  id: number;
  path: string;
  version: number;
  content?: string;
  sha256?: string;
  retired?: boolean;
  origin?: string;
  comment?: string | null;
  user?: UserRef | null;
  atUtc?: string;
}

/** A document as GET/PUT documents return it (with content). */
export interface TemplateDocument extends DocumentVersion {
  content: string;
}

export interface Problem {
  path?: string | null;
  line?: number | null;
  column?: number | null;
  message: string;
  kind?: string | null;
  audience?: string | null;
  example?: string | null;
  check?: string | null;
}

export interface DocRef {
  path: string;
  version: number;
}

export interface KindTemplateRef extends DocRef {
  audience: string;
  user?: UserRef | null;
  atUtc?: string;
}

export interface KindSummary {
  id: string;
  title: string;
  description?: string;
  refusable: boolean;
  defaultAudience?: string;
  examples: number;
  definition: DocRef;
  templates: KindTemplateRef[];
  alternatives?: { id: string; title: string; default: boolean }[];
}

export interface Catalog {
  catalogVersion: number;
  currency?: string;
  kinds: KindSummary[];
  retiredKinds?: { id: string; path: string; version: number }[];
  partials: { name: string; path: string; version: number }[];
  documents: DocRef[];
  conflicts: number;
  packs?: PackSummary[];
  setup?: SetupSummary | null;
}

/** A business pack: the facts (by label) and alternatives one kind of supplier argues with. */
export interface PackSummary {
  id: string;
  title: string;
  description: string;
  document: DocRef;
  facts: string[];
}

/** setup.json: the business's pack, and packs for particular customer domains. */
export interface SetupSummary {
  pack: string;
  domains: Record<string, string>;
  document: DocRef;
}

export interface Change {
  path: string;
  content: string;
}

export interface PreviewEmail {
  subject: string;
  body: string;
  from: { name: string; email: string };
}

export interface PreviewRequest {
  kind: string;
  changes?: Change[];
  email?: PreviewEmail;
  example?: number;
  audiences?: Audience[];
  /** The business pack to preview as; absent, the customer's domain decides. */
  pack?: string;
}

export interface AudiencePreview {
  audience: string;
  text: string;
  html?: string;
  checks: Checks;
  checkNotes?: string[] | Record<string, string> | null;
  problems?: Problem[];
}

export interface PreviewResponse {
  kind: string;
  email?: { subject: string; body: string };
  problems?: Problem[];
  previews: AudiencePreview[];
}

export interface ValidateResponse {
  valid: boolean;
  problems: Problem[];
  rendered?: unknown;
}

export interface HistoryEntry extends DocumentVersion {}

export type DiffOp = "same" | "add" | "remove";

export interface DiffLine {
  op: DiffOp;
  text: string;
  oldLine?: number | null;
  newLine?: number | null;
}

export interface DiffResponse {
  from: { id: number; path: string; version: number };
  to: { id: number; path: string; version: number };
  added: number;
  removed: number;
  lines: DiffLine[];
}

export interface Fact {
  name: string;
  /** null: this business does not have the figure, and no reply cites it. */
  value: number | null;
  unit: string;
  label: string;
  /** For money, when it is not the table's currency. */
  currency?: string;
}

export interface FactsDocument {
  version?: number;
  currency: string;
  facts: Fact[];
  comment?: string;
}

export interface TemplateConflict {
  path: string;
  /** Null when the database has no current version (the document was retired or removed). */
  databaseVersion: number | null;
  databaseContent: string | null;
  folderContent: string;
  folderSha256?: string;
  reason?: string | null;
  detectedAtUtc?: string | null;
}

export interface NewKindRequest {
  id: string;
  title: string;
  description?: string;
  defaultAudience?: string;
  copyFrom?: string;
}

export interface ImportResult {
  imported: DocRef[];
  unchanged: number | DocRef[];
  ignored?: string[];
}

/** RFC 9457 problem details, with this API's extensions. */
export interface ProblemDetails extends SharedProblemDetails {
  problems?: Problem[];
  currentVersion?: number;
}
