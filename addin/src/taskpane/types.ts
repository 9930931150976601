// JSON contracts of the OutlookSayNo API (camelCase), as in api/Asks and api/Drafts.

export type Audience = "commercial" | "technical" | "finance";
export const AUDIENCES: readonly Audience[] = ["commercial", "technical", "finance"];

export interface EmailAddress {
  name?: string | null;
  email?: string | null;
}

export interface Evidence {
  text: string;
  start: number;
  length: number;
  /** "body" (default) or "subject": which string start/length index. */
  in?: string;
}

export interface AskFinding {
  category: string;
  confidence: number;
  evidence: Evidence[];
}

export interface Figure {
  kind: string;
  text: string;
  value: number | string;
  currency?: string;
}

export interface AudienceSuggestion {
  suggested: Audience;
  reason: string;
}

export interface ClassifyRequest {
  subject?: string;
  body: string;
  from?: EmailAddress;
}

export interface ClassifyResponse {
  primary: AskFinding;
  secondary: AskFinding[];
  flags: string[];
  flagEvidence?: Evidence[];
  figures: Figure[];
  audience: AudienceSuggestion;
}

export interface DraftEmail {
  subject?: string;
  body: string;
  from?: EmailAddress;
  itemId?: string;
  conversationId?: string;
}

export interface DraftRequest {
  email: DraftEmail;
  audience?: Audience;
  category?: string;
  fields?: Record<string, string>;
  alternatives?: string[];
  theyAreRightAbout?: string;
}

export interface DataPoint {
  name: string;
  label: string;
  value: string;
  source: string;
}

export interface MissingField {
  name: string;
  label: string;
  unit?: string;
}

export interface Alternative {
  id: string;
  title: string;
  text?: string;
  offered: boolean;
}

export interface Checks {
  saysNo: boolean;
  givesReason: boolean;
  citesData: boolean;
  offersAlternative: boolean;
  respectful: boolean;
}

export interface DraftResponse {
  id: string;
  category: string;
  audience: Audience;
  flags: string[];
  managerCopyAdvised?: boolean;
  template: { id: string; version: number };
  subject: string;
  html: string;
  text: string;
  dataPoints: DataPoint[];
  missingFields: MissingField[];
  alternatives: Alternative[];
  checks: Checks;
  checkNotes?: string[];
  ask?: AskFinding;
  suggestedAudience?: AudienceSuggestion;
}

export type DraftEventType = "inserted" | "sent" | "discarded";
export type InsertMode = "reply" | "replyAll" | "compose";

export interface DraftEventRequest {
  type: DraftEventType;
  mode?: InsertMode;
}

export interface DraftEventResponse {
  id: string;
  draftId: string;
  type: DraftEventType;
  at: string;
}

/** RFC 9457 problem details, with the extensions this API adds. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
  classification?: ClassifyResponse;
  [extension: string]: unknown;
}
