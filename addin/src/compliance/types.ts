// Shapes of the compliance review API (api/Compliance/ComplianceApi.cs).
import { CHECK_LABELS as SHARED_CHECK_LABELS, checkLabel as sharedCheckLabel } from "../shared/labels";

import type { CheckName, Checks } from "../shared/types";

export { AUDIENCES, CHECKS, type CheckName, type Checks, type ProblemDetails } from "../shared/types";
export const FLAGS = ["threat", "abusive", "any"] as const;
export const STATUSES = ["generated", "inserted", "sent", "discarded", "notSent"] as const;
export const REVIEWS = ["none", "reviewed", "escalated"] as const;
export const ACTIONS = ["reviewed", "escalated", "comment"] as const;
export type ReviewAction = (typeof ACTIONS)[number];

/** Readable names of the six checks: the shared words (shared/labels.ts), typed by this page's check names. */
export const CHECK_LABELS = SHARED_CHECK_LABELS as Readonly<Record<CheckName, string>>;

/** Short names for the list's chips (the full name is the chip's tooltip). */
export const CHECK_SHORT: Record<CheckName, string> = {
  saysNo: "No “no”",
  givesReason: "No reason",
  citesData: "No data",
  offersAlternative: "No alternative",
  respectful: "Disrespectful",
  grounded: "Unsupported claim",
};

export function checkLabel(key: string): string {
  return sharedCheckLabel(key);
}

export interface DraftSummary {
  id: string;
  createdAtUtc: string;
  userId: string;
  userName: string;
  customerDomain: string;
  fromName: string;
  fromEmail: string;
  subject: string;
  kind: string;
  audience: string;
  flags: string[];
  status: string;
  sentAtUtc: string | null;
  sentUnchanged: boolean | null;
  failedChecks: string[];
  sentWarned: boolean;
  review: string;
  comments: number;
  templateVersion: number;
  /** How many times the reply to this email was generated (one draft per email and user; absent from older APIs). */
  revisions?: number;
  /** When the latest revision was generated. */
  latestAtUtc?: string | null;
}

export interface DraftPage {
  items: DraftSummary[];
  skip: number;
  take: number;
  hasMore: boolean;
  total: number | null;
}

export interface Recipient {
  name?: string | null;
  email?: string | null;
}

export interface DataPoint {
  name: string;
  label: string;
  value: string;
  source: string;
}

/** The generated record's payload (GeneratedPayload). Everything optional: old records may lack fields. */
export interface GeneratedPayload {
  id?: string;
  category?: string;
  confidence?: number;
  audience?: string;
  suggestedAudience?: string;
  flags?: string[];
  managerCopyAdvised?: boolean;
  template?: { id: string; version: number; sha256?: string; catalogVersion?: number };
  dataPoints?: DataPoint[];
  missingFields?: string[];
  alternatives?: string[];
  checks?: Checks;
  checkNotes?: string[];
  /** pointed: the account manager pointed to the sentence that asks (the quote is the one they chose). */
  ask?: { category?: string; confidence?: number; quote?: string | null; secondary?: string[]; pointed?: boolean | null };
  subject?: string;
  text?: string;
  email?: { subject?: string; fromName?: string; fromEmail?: string; bodySha256?: string };
  /** Absent on drafts logged before stances. */
  stance?: { taken?: string; suggested?: string } | null;
  /** The email's other asks the draft also answered (kind ids); absent when none. */
  also?: string[] | null;
}

/** The sent record's payload (SentPayload). */
export interface SentPayload {
  mode?: string | null;
  text?: string;
  to?: Recipient[];
  cc?: Recipient[];
  checks?: Checks;
  checkNotes?: string[];
  unchanged?: boolean;
  warned?: boolean;
  /** The revision the reply was made from (absent on records from before revisions). */
  revision?: number | null;
}

/** One generated text of a draft (RevisionDto): the draft's kind, audience, checks and text at that time. */
export interface Revision {
  number: number;
  atUtc: string;
  seq: number;
  generated: GeneratedPayload;
  inserted: boolean;
  sent: boolean;
  discarded: boolean;
}

export interface DiffSpan {
  op: "same" | "add" | "remove" | string;
  text: string;
}

export interface LogRecord {
  seq: number;
  type: string;
  draftId: string | null;
  atUtc: string;
  user: { id: string; name: string };
  payload: unknown;
  hash: string;
  prevHash: string;
}

export interface DraftDetail {
  summary: DraftSummary;
  generated: GeneratedPayload;
  sent: SentPayload | null;
  diff: DiffSpan[] | null;
  records: LogRecord[];
  /** True when the texts were too large to compare word by word and the diff is by line (absent from older APIs). */
  diffByLine?: boolean;
  /** Every generated text, in order (absent from older APIs). */
  revisions?: Revision[];
  /** Which revision `generated` is: the one sent, else the one last inserted, else the latest. */
  generatedRevision?: number;
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

export interface VerifyReport {
  intact: boolean;
  records: number;
  firstSeq: number | null;
  lastSeq: number | null;
  headSeq: number;
  headHash: string;
  purgedThroughSeq: number | null;
  problems: ChainProblem[];
  elapsedMs: number;
}

export interface WeekCount {
  weekStart: string;
  kind: string;
  audience: string;
  count: number;
}

export interface DomainPressure {
  domain: string;
  threats: number;
  abusive: number;
  drafts: number;
}

export interface Dashboard {
  fromUtc: string;
  toUtc: string;
  drafts: number;
  sent: number;
  /** Share of the sent drafts sent unchanged (0..1). */
  shareSentUnchanged?: number;
  /** The same, as earlier versions of the API named it. */
  sharedSentUnchanged?: number;
  /** Share of all drafts with a failed check (the sent text's when sent). */
  shareWithFailedChecks: number;
  perWeek: WeekCount[];
  pressureByDomain: DomainPressure[];
  failedChecks: { key: string; count: number }[];
  /** Texts generated for these drafts (each draft is one email; re-drafting adds revisions). */
  revisions?: number;
  /** Every week of the period, empty ones too (absent from older APIs). */
  weeks?: WeekActivity[];
}

/** One week: drafts first drafted, replies sent, of them sent edited, and drafts with a failed check. */
export interface WeekActivity {
  weekStart: string;
  drafts: number;
  sent: number;
  edited: number;
  failedChecks: number;
}

export interface TemplateChangePayload {
  path?: string;
  version?: number;
  origin?: string;
  comment?: string | null;
  previousSha256?: string | null;
  sha256?: string;
  content?: string;
}

export interface KindRef {
  id: string;
  title?: string;
}

