// JSON contracts of the OutlookSayNo API (camelCase), as in api/Asks and api/Drafts.

import type { Audience, ProblemDetails as SharedProblemDetails } from "../shared/types";

export { AUDIENCES, type Audience } from "../shared/types";

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
  /** Absent for an email too large to send: the server then reads it through Graph by itemId. */
  body?: string;
  from?: EmailAddress;
  /** The REST (Graph) id of the email. */
  itemId?: string;
}

/** The reading is not sure: the two likeliest kinds ("other" is nothing to refuse), for the account manager to pick. */
export interface AskUncertainty {
  reason: string;
  candidates: AskFinding[];
}

export interface ClassifyResponse {
  primary: AskFinding;
  secondary: AskFinding[];
  flags: string[];
  flagEvidence?: Evidence[];
  figures: Figure[];
  audience: AudienceSuggestion;
  unsure?: AskUncertainty | null;
}

export interface DraftEmail {
  subject?: string;
  /** Absent for an email too large to send: the server then reads it through Graph by itemId. */
  body?: string;
  from?: EmailAddress;
  /** The REST (Graph) id of the email (convertToRestId), or Outlook's own id where it cannot be converted. */
  itemId?: string;
  conversationId?: string;
  /** When the customer wrote (ISO 8601): relative dates in the email ("by Friday") count from it. */
  sentAt?: string;
}

export interface DraftRequest {
  email: DraftEmail;
  audience?: Audience;
  category?: string;
  fields?: Record<string, string>;
  alternatives?: string[];
  theyAreRightAbout?: string;
  /** Their reason as the account manager corrected it: absent or null uses what was read; "" means they gave none. */
  reason?: string | null;
  /** The stance the account manager picked (refuse, own_part, imposed); absent takes the one the email suggests. */
  stance?: string;
  /** The email's other asks to answer too (kind ids), each in a sentence of its own. */
  also?: string[];
  /** The sentence that asks, as the account manager points to it (an index into reading.sentences). */
  askSentence?: number;
}

/** Another ask of the email the draft answers, with the customer's sentence when the reader found it. */
export interface AlsoAsk {
  category: string;
  label: string;
  evidence: Evidence | null;
}

/** The position a draft takes and the one the email suggests, with the sentences that suggest it. */
export interface Stance {
  taken: string;
  takenLabel: string;
  suggested: string;
  suggestedLabel: string;
  reason: string;
  evidence: Evidence[];
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

/** Words of the email the reading points at; start/length index the body as sent. */
export interface ReadingSpan {
  text: string;
  start: number;
  length: number;
}

/** A figure of the email in the role it has there (what they ask for, the price today, a competitor's quote…). */
export interface ReadingFigure extends ReadingSpan {
  /** "requested", "current", "competitor"… or "unclear" when the reading could not tell. */
  role: string;
  roleLabel: string;
  /** The data point of the kind this figure fills; null when it fills none. */
  field: string | null;
}

/** What the customer asks, in their terms: the sentence that asks, the key figure, their reason and any offer. */
export interface Reading {
  kind: string;
  kindLabel: string;
  /** The whole sentence that asks; null when none was found. */
  request: string | null;
  requested: ReadingFigure | null;
  figures: ReadingFigure[];
  reason: ReadingSpan | null;
  offer: ReadingSpan | null;
  /** The index (in sentences) of the sentence read as the ask; null when none was found. */
  requestSentence?: number | null;
  /** True when the account manager pointed to the sentence that asks. */
  requestPointed?: boolean;
  /** The newest message's sentences, to point to the one that asks. */
  sentences?: { index: number; text: string }[];
}

export interface Checks {
  saysNo: boolean;
  givesReason: boolean;
  citesData: boolean;
  offersAlternative: boolean;
  respectful: boolean;
  /** Every figure and finding traces to the email, a fact, a typed field or a computation (newer APIs). */
  grounded?: boolean;
  /** The reply owns our part and grants the remedy asked for, refusing nothing: saysNo then means it grants it plainly. */
  grants?: boolean;
}

/** The checks shown one by one (grants only changes how the first reads). */
export type CheckKey = Exclude<keyof Checks, "grants">;

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
  /** The whole reading of the email (secondary asks, figures, flag evidence): the pane needs no separate classify call. */
  classification?: ClassifyResponse;
  /** The ask in the customer's terms; absent from older APIs, so the pane falls back to the classification. */
  reading?: Reading | null;
  /** Typed fields of another kind (left from a kind switch), set aside rather than refused. */
  setAsideFields?: string[] | null;
  /** Absent from older APIs. */
  stance?: Stance | null;
  /** The other asks this draft answers, in the order the email raises them (absent from older APIs). */
  also?: AlsoAsk[] | null;
}

export type DraftEventType = "inserted" | "sent" | "discarded";
export type InsertMode = "reply" | "replyAll" | "compose";

export interface DraftEventRequest {
  type: DraftEventType;
  mode?: InsertMode;
  /** Inserted: the text as the account manager edited it in the pane; absent when the generated text was inserted. */
  body?: string;
}

export interface DraftEventResponse {
  id: string;
  draftId: string;
  type: DraftEventType;
  at: string;
  /** Sent events: the checks of the text as sent, whether it was sent as drafted, and what no longer passes. */
  checks?: Checks;
  unchanged?: boolean;
  reasons?: string[];
}

/** POST /api/drafts/{id}/reply-draft: a reply saved in the user's Drafts folder through Graph. */
export interface ReplyDraftRequest {
  /** The REST id of the customer's email. */
  messageId: string;
  replyAll: boolean;
  ccManager: boolean;
  /** The reply as edited in the pane (its text as HTML); absent when it was not edited, and the generated one is used. */
  html?: string;
}

export interface ReplyDraftResponse {
  draftId: string;
  mailboxMessageId: string;
  webLink: string | null;
  to: EmailAddress[];
  cc: EmailAddress[];
  managerCopied: boolean;
  manager: EmailAddress | null;
}

/** POST /api/drafts/{id}/confirm-sent: the reply found in Sent Items, and the event recorded for it. */
export interface ConfirmSentResponse {
  draftId: string;
  alreadyRecorded: boolean;
  sentAt: string;
  event: DraftEventResponse | null;
}

/** RFC 9457 problem details, with the extensions this API adds. */
export interface ProblemDetails extends SharedProblemDetails {
  classification?: ClassifyResponse;
  /** consider-yes: the stance, with why and the customer's sentence. */
  stance?: Stance;
}
