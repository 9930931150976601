// Pure functions: API responses -> view model; evidence highlighting; the draft request.
import type { EmailData, ItemMode } from "./mailbox";
import type {
  AskFinding,
  Audience,
  Checks,
  CheckKey,
  ClassifyResponse,
  ConfirmSentResponse,
  DraftRequest,
  DraftResponse,
  Evidence,
  InsertMode,
  MissingField,
  ReplyDraftResponse,
} from "./types";
import { AUDIENCES } from "./types";
import { AUDIENCE_LABELS as AUDIENCE_WORDS, CHECK_LABELS as CHECK_WORDS, GRANTS_LABEL, KIND_TITLES, SOURCE_LABELS as SOURCE_WORDS, humanizeId, kindTitle, sourceLabel } from "../shared/labels";
import { readingView } from "./reading";
import type { ReadingView } from "./reading";

/** The API refuses a body over 200,000 characters (AsksApi.MaxBodyChars). */
export const MAX_BODY_CHARS = 200_000;
/**
 * The draft and classify routes take at most 256 KB of request (RequestSizeLimit). A body under the
 * character limit can still pass it once UTF-8 and JSON escaping are counted; this leaves room for the
 * rest of the request (subject, fields, alternatives).
 */
export const MAX_BODY_JSON_BYTES = 240 * 1024;

/** Too large to put in a request: over the API's character limit, or its JSON over the byte budget. */
export function bodyTooLargeToSend(body: string): boolean {
  if (body.length > MAX_BODY_CHARS) return true;
  // Each UTF-16 unit is at most 3 UTF-8 bytes (6 when JSON escapes it): most bodies need no counting.
  if (body.length * 6 <= MAX_BODY_JSON_BYTES) return false;
  return new TextEncoder().encode(JSON.stringify(body)).length > MAX_BODY_JSON_BYTES;
}

/** A large email with an item id is sent by id only: the server reads it through Graph. Without an id it cannot be read. */
export function readsBodyById(email: Pick<EmailData, "body" | "itemId">): boolean {
  return Boolean(email.itemId) && bodyTooLargeToSend(email.body);
}

// The words for ids live in ../shared/labels (shared with the admin and compliance pages); these are
// the pane's typed views of them.
export const KIND_LABELS: Record<string, string> = { ...KIND_TITLES };

export const AUDIENCE_LABELS: Record<Audience, string> = {
  commercial: AUDIENCE_WORDS.commercial!,
  technical: AUDIENCE_WORDS.technical!,
  finance: AUDIENCE_WORDS.finance!,
};

export const CHECK_LABELS: Record<CheckKey, string> = {
  saysNo: CHECK_WORDS.saysNo!,
  givesReason: CHECK_WORDS.givesReason!,
  citesData: CHECK_WORDS.citesData!,
  offersAlternative: CHECK_WORDS.offersAlternative!,
  respectful: CHECK_WORDS.respectful!,
  grounded: CHECK_WORDS.grounded!,
};

/** The checks an answer carries, in a fixed order: a check an older API does not make is left out. */
function checkList(checks: Partial<Checks>): { key: CheckKey; label: string; pass: boolean }[] {
  return (Object.keys(CHECK_LABELS) as CheckKey[])
    .filter((key) => typeof checks[key] === "boolean")
    // A reply that grants the remedy needs no alternative and no figure behind a no: those checks pass and are
    // not shown as if the reply offered one or cited one.
    .filter((key) => !((key === "offersAlternative" || key === "citesData") && checks.grants === true))
    .map((key) => ({ key, label: key === "saysNo" && checks.grants === true ? GRANTS_LABEL : CHECK_LABELS[key], pass: checks[key] === true }));
}

export const SOURCE_LABELS: Record<string, string> = { ...SOURCE_WORDS };

export function kindLabel(id: string): string {
  return kindTitle(id);
}

/** Kinds the account manager can pick: the shipped ones plus any the API named (admin-added). */
export function kindOptions(...seen: (string | undefined)[]): { value: string; label: string }[] {
  const ids = Object.keys(KIND_LABELS).filter((k) => k !== "other");
  for (const id of seen) if (id && id !== "other" && !ids.includes(id)) ids.push(id);
  return ids.map((value) => ({ value, label: kindLabel(value) }));
}

// ---------------------------------------------------------------------------------------------
// Evidence highlighting. start/length index the string exactly as sent (HTML included), so we
// highlight against that same string, then show its visible text.

export interface Segment {
  text: string;
  mark: boolean;
}

export interface Excerpt {
  segments: Segment[];
}

const HTML_HINT = /<\s*\/?\s*(html|body|div|p|br|span|table|td|blockquote|font|b|i|a|ul|li|strong|em)\b[^>]*>/i;
const BLOCK_TAGS = new Set([
  "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "hr", "ul", "ol",
]);
const SKIPPED_TAGS = new Set(["script", "style", "head", "title"]);
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

export function looksLikeHtml(body: string): boolean {
  return HTML_HINT.test(body);
}

/**
 * The visible text of a body, with map[i] = index in the body of visible character i.
 * Plain text is returned as is; HTML loses its tags, decodes entities and collapses spaces.
 */
export function visibleText(body: string): { text: string; map: number[] } {
  if (!looksLikeHtml(body)) return { text: body, map: Array.from({ length: body.length }, (_, i) => i) };
  let text = "";
  const map: number[] = [];
  const emit = (ch: string, at: number) => {
    const last = text.charAt(text.length - 1);
    if (ch === "\n") {
      if (text.length === 0 || last === "\n") return;
      if (last === " ") {
        text = text.slice(0, -1);
        map.pop();
      }
    } else if (ch === " ") {
      if (text.length === 0 || last === " " || last === "\n") return;
    }
    text += ch;
    map.push(at);
  };

  let i = 0;
  const n = body.length;
  while (i < n) {
    const c = body.charAt(i);
    if (c === "<") {
      if (body.startsWith("<!--", i)) {
        const end = body.indexOf("-->", i + 4);
        i = end < 0 ? n : end + 3;
        continue;
      }
      const close = body.indexOf(">", i);
      const tag = close < 0 ? "" : body.slice(i + 1, close);
      const name = /^\s*(\/?)\s*([a-zA-Z][a-zA-Z0-9]*)/.exec(tag);
      if (close >= 0 && name) {
        const tagName = (name[2] ?? "").toLowerCase();
        const closing = name[1] === "/";
        if (!closing && SKIPPED_TAGS.has(tagName) && !tag.trimEnd().endsWith("/")) {
          const endTag = body.toLowerCase().indexOf(`</${tagName}`, close + 1);
          const endClose = endTag < 0 ? -1 : body.indexOf(">", endTag);
          i = endClose < 0 ? n : endClose + 1;
          continue;
        }
        if (BLOCK_TAGS.has(tagName)) emit("\n", i);
        i = close + 1;
        continue;
      }
      emit(c, i);
      i++;
      continue;
    }
    if (c === "&") {
      const entity = /^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/.exec(body.slice(i, i + 12));
      if (entity) {
        const decoded = decodeEntity(entity[1] ?? "");
        if (decoded !== null) {
          for (const ch of decoded) emit(/\s/.test(ch) ? " " : ch, i);
          i += entity[0].length;
          continue;
        }
      }
    }
    emit(/\s/.test(c) ? " " : c, i);
    i++;
  }
  if (text.endsWith(" ") || text.endsWith("\n")) {
    text = text.slice(0, -1);
    map.pop();
  }
  return { text, map };
}

function decodeEntity(name: string): string | null {
  if (name.startsWith("#x") || name.startsWith("#X")) return codePoint(parseInt(name.slice(2), 16));
  if (name.startsWith("#")) return codePoint(parseInt(name.slice(1), 10));
  return ENTITIES[name.toLowerCase()] ?? null;
}

function codePoint(n: number): string | null {
  if (!Number.isFinite(n) || n <= 0 || n > 0x10ffff) return null;
  return String.fromCodePoint(n);
}

/** Sorted, clamped, merged [start, end) ranges of the evidence that indexes `source`. */
export function evidenceRanges(source: string, evidence: readonly Evidence[]): [number, number][] {
  const ranges = evidence
    .filter((e) => Number.isInteger(e.start) && Number.isInteger(e.length) && e.length > 0 && e.start >= 0 && e.start < source.length)
    .map((e): [number, number] => [e.start, Math.min(source.length, e.start + e.length)])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * Excerpts of `source` around each evidence span, with the span marked. Offsets are into
 * `source` as sent; what is shown is its visible text (tags removed for HTML).
 */
export function highlightEvidence(source: string, evidence: readonly Evidence[], context = 60): Excerpt[] {
  const raw = evidenceRanges(source, evidence);
  if (raw.length === 0) return [];
  const { text, map } = visibleText(source);

  // Raw ranges -> visible ranges: the visible characters whose source index falls inside.
  const marks: [number, number][] = [];
  for (const [s, e] of raw) {
    let first = -1;
    let last = -1;
    for (let v = 0; v < map.length; v++) {
      const at = map[v]!;
      if (at >= s && at < e) {
        if (first < 0) first = v;
        last = v;
      } else if (at >= e) break;
    }
    if (first < 0) continue;
    const prev = marks[marks.length - 1];
    if (prev && first <= prev[1]) prev[1] = Math.max(prev[1], last + 1);
    else marks.push([first, last + 1]);
  }

  // Windows: the line around each mark, cut to `context` characters either side; overlapping windows join.
  const windows: { from: number; to: number; marks: [number, number][] }[] = [];
  for (const m of marks) {
    const lineStart = text.lastIndexOf("\n", m[0] - 1) + 1;
    const nl = text.indexOf("\n", m[1]);
    const lineEnd = nl < 0 ? text.length : nl;
    const from = Math.max(lineStart, m[0] - context);
    const to = Math.min(lineEnd, m[1] + context);
    const prev = windows[windows.length - 1];
    if (prev && from <= prev.to) {
      prev.to = Math.max(prev.to, to);
      prev.marks.push(m);
    } else windows.push({ from, to, marks: [m] });
  }

  return windows.map((w) => {
    const segments: Segment[] = [];
    let at = w.from;
    const lineStart = text.lastIndexOf("\n", w.from - 1) + 1;
    const nl = text.indexOf("\n", w.to);
    const lineEnd = nl < 0 ? text.length : nl;
    for (const [s, e] of w.marks) {
      if (s > at) segments.push({ text: text.slice(at, s), mark: false });
      segments.push({ text: text.slice(s, e), mark: true });
      at = e;
    }
    if (at < w.to) segments.push({ text: text.slice(at, w.to), mark: false });
    const first = segments[0];
    if (first && !first.mark) first.text = (w.from > lineStart ? "…" : "") + first.text.trimStart();
    else if (first && w.from > lineStart) segments.unshift({ text: "…", mark: false });
    const last = segments[segments.length - 1];
    if (last && !last.mark) last.text = last.text.trimEnd() + (w.to < lineEnd ? "…" : "");
    else if (last && w.to < lineEnd) segments.push({ text: "…", mark: false });
    return { segments: segments.filter((s) => s.text.length > 0) };
  });
}

/** Excerpts for a finding: body evidence against the body as sent, subject evidence against the subject. */
export function findingExcerpts(email: Pick<EmailData, "subject" | "body">, evidence: readonly Evidence[]): Excerpt[] {
  const inSubject = evidence.filter((e) => e.in === "subject");
  const inBody = evidence.filter((e) => e.in !== "subject");
  return [...highlightEvidence(email.subject, inSubject), ...highlightEvidence(email.body, inBody)];
}

// ---------------------------------------------------------------------------------------------
// Selections and the draft request.

export interface Selections {
  /** Set only when the account manager corrects the kind (or picks one after a 422). */
  category?: string;
  /** Set only when the account manager picks an audience; the suggested one otherwise. */
  audience?: Audience;
  /** Values typed for data points, by name. */
  fields: Record<string, string>;
  /** Ids checked in the alternatives checklist, once the account manager has touched it. */
  alternatives?: string[];
  theyAreRightAbout: string;
  /** Set only when the account manager corrects their reason: "" when they gave none. */
  reason?: string;
  /** Set only when the account manager picks a stance; the suggested one otherwise. */
  stance?: string;
  /** The email's other asks the account manager ticked to answer too. */
  also?: string[];
  /** The sentence that asks, as the account manager pointed to it (index in reading.sentences). */
  askSentence?: number;
}

export function emptySelections(): Selections {
  return { fields: {}, theyAreRightAbout: "" };
}

export function buildDraftRequest(email: EmailData, selections: Selections): DraftRequest {
  const request: DraftRequest = {
    email: {
      subject: email.subject,
      ...(readsBodyById(email) ? {} : { body: email.body }),
      ...(email.from && (email.from.name || email.from.email) ? { from: cleanAddress(email.from) } : {}),
      ...(email.itemId ? { itemId: email.itemId } : {}),
      ...(email.conversationId ? { conversationId: email.conversationId } : {}),
      ...(email.sentAt ? { sentAt: email.sentAt } : {}),
    },
  };
  if (selections.audience && AUDIENCES.includes(selections.audience)) request.audience = selections.audience;
  if (selections.category) request.category = selections.category;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(selections.fields)) {
    const trimmed = value.trim();
    if (trimmed) fields[name] = trimmed;
  }
  if (Object.keys(fields).length > 0) request.fields = fields;
  if (selections.alternatives) request.alternatives = [...selections.alternatives];
  const right = selections.theyAreRightAbout.trim();
  if (right) request.theyAreRightAbout = right;
  // Only a correction is sent: absent means "use the reason as read".
  if (selections.reason !== undefined) request.reason = selections.reason.trim();
  if (selections.stance) request.stance = selections.stance;
  if (selections.askSentence !== undefined) request.askSentence = selections.askSentence;
  // The kind being drafted is answered in full already; never name it again as another ask.
  const also = (selections.also ?? []).filter((k) => k !== selections.category);
  if (also.length > 0) request.also = also;
  return request;
}

function cleanAddress(a: { name?: string | null; email?: string | null }) {
  return { ...(a.name ? { name: a.name } : {}), ...(a.email ? { email: a.email } : {}) };
}

/** Remembers every field the API asked for, so an input does not vanish once it is filled. */
export function mergeKnownFields(known: ReadonlyMap<string, MissingField>, missing: readonly MissingField[]): Map<string, MissingField> {
  const next = new Map(known);
  for (const f of missing) next.set(f.name, f);
  return next;
}

// ---------------------------------------------------------------------------------------------
// View model.

/**
 * Every other kind of ask, ticked when the account manager asked for it (or the draft answers it), with
 * the sentence where the reader found it (a second ask, or the reader's first reading when the account
 * manager chose another kind). Nothing is ticked for them: the reader names a second ask
 * rightly about one time in four, and a sentence refusing something never asked is worse than none.
 */
function otherAsks(
  category: string,
  draft: DraftResponse,
  classify: ClassifyResponse | undefined,
  selections: Selections,
): PaneModel["otherAsks"] {
  const answered = new Set(selections.also ?? (draft.also ?? []).map((a) => a.category));
  const read = new Map<string, string>();
  // The reader's own first choice too, once the account manager has picked another kind: what it read as
  // the ask is then most likely the email's other ask.
  for (const s of [...(classify?.primary ? [classify.primary] : []), ...(classify?.secondary ?? [])]) {
    const words = s.evidence?.[0]?.text;
    if (s.category !== category && s.category !== "other" && words) read.set(s.category, words);
  }
  for (const a of draft.also ?? []) if (a.evidence?.text) read.set(a.category, a.evidence.text);
  return kindOptions(category, ...read.keys())
    .filter((k) => k.value !== category)
    .map((k) => ({ ...k, checked: answered.has(k.value), read: read.get(k.value) ?? null }));
}

export interface AskView {
  category: string;
  label: string;
  confidence: number;
  primary: boolean;
  excerpts: Excerpt[];
}

export interface FieldView {
  name: string;
  label: string;
  unit?: string;
  value: string;
  missing: boolean;
}

export interface PaneModel {
  mode: ItemMode;
  subject: string;
  sender: string;
  asks: AskView[];
  category: string;
  kinds: { value: string; label: string }[];
  pressure: { threat: boolean; abusive: boolean; excerpts: Excerpt[] } | null;
  audience: { selected: Audience; suggested: Audience; reason: string };
  dataPoints: { name: string; label: string; value: string; source: string }[];
  fields: FieldView[];
  alternatives: { id: string; title: string; text: string; checked: boolean }[];
  /** The other kinds of ask to answer too; those the reader found in the email say so, with its words. */
  otherAsks: { value: string; label: string; checked: boolean; read: string | null }[];
  theyAreRightAbout: string;
  preview: { subject: string; html: string; text: string };
  checks: { key: CheckKey; label: string; pass: boolean }[];
  checkNotes: string[];
  inserts: { mode: InsertMode; label: string }[];
  /** Threat or abuse: the reply should copy the manager, so "Save to Drafts with my manager in Cc" leads. */
  managerCopyAdvised: boolean;
  /** A received message with an id: the API can save a reply to it in the Drafts folder. */
  canSaveToDrafts: boolean;
  /** The body was too large to send and the server read it by id: its evidence offsets index a text the pane does not have. */
  readFromMailbox: boolean;
  /** The ask as chips: kind, key figure, reason, offer, figures to place. */
  reading: ReadingView;
  /** Labels of typed fields the server set aside because they belong to another kind. */
  setAside: string[];
}

export interface ChoiceView {
  subject: string;
  sender: string;
  reason: string;
  /** The two likeliest readings, each with the words that show it; "other" is nothing to refuse. */
  candidates: { category: string; label: string; confidence: number; nothing: boolean; excerpts: Excerpt[] }[];
  /** Every kind, for an ask that is neither candidate. */
  kinds: { value: string; label: string }[];
}

/** The unsure reading as the pane shows it: the reason, both candidates and their evidence. */
export function choiceView(email: EmailData, classify: ClassifyResponse | undefined, detail?: string): ChoiceView {
  const unsure = classify?.unsure;
  const readFromMailbox = readsBodyById(email);
  const candidates = (unsure?.candidates ?? []).map((c) => ({
    category: c.category,
    label: c.category === "other" ? "Nothing to refuse" : kindLabel(c.category),
    confidence: confidencePercent(c.confidence),
    nothing: c.category === "other",
    excerpts: findingExcerpts(readFromMailbox ? { subject: email.subject, body: "" } : email,
      readFromMailbox ? (c.evidence ?? []).filter((e) => e.in === "subject") : (c.evidence ?? [])),
  }));
  return {
    subject: email.subject,
    sender: senderLabel(email.from),
    reason: unsure?.reason ?? detail ?? "Say no is not sure what this email asks for.",
    candidates,
    kinds: kindOptions(...candidates.map((c) => c.category)),
  };
}

export function confidencePercent(confidence: number): number {
  if (!Number.isFinite(confidence)) return 0;
  return Math.max(0, Math.min(100, Math.round(confidence * 100)));
}

export function senderLabel(from: EmailData["from"]): string {
  if (!from) return "";
  if (from.name && from.email) return `${from.name} <${from.email}>`;
  return from.name || from.email || "";
}

export function insertActions(mode: ItemMode): { mode: InsertMode; label: string }[] {
  return mode === "compose"
    ? [{ mode: "compose", label: "Insert into message" }]
    : [
        { mode: "reply", label: "Insert reply" },
        { mode: "replyAll", label: "Insert reply all" },
      ];
}

export function toViewModel(input: {
  email: EmailData;
  draft: DraftResponse;
  classify?: ClassifyResponse;
  selections: Selections;
  knownFields?: ReadonlyMap<string, MissingField>;
  /** Labels of fields of any kind, by name (for fields set aside after a kind switch). */
  fieldLabels?: ReadonlyMap<string, string>;
}): PaneModel {
  const { email, draft, selections } = input;
  const classify = input.classify ?? draft.classification;
  // Read by id, body evidence indexes the server's copy of the body: only subject evidence can be shown.
  const readFromMailbox = readsBodyById(email);
  const excerpts = (evidence: readonly Evidence[]) =>
    readFromMailbox ? findingExcerpts({ subject: email.subject, body: "" }, evidence.filter((e) => e.in === "subject")) : findingExcerpts(email, evidence);

  const findings: { f: AskFinding; primary: boolean }[] = [];
  const primary = classify?.primary ?? draft.ask;
  if (primary) findings.push({ f: primary, primary: true });
  for (const s of classify?.secondary ?? []) findings.push({ f: s, primary: false });
  const asks = findings
    .filter(({ f }) => f.category !== "other")
    .map(({ f, primary: p }) => ({
      category: f.category,
      label: kindLabel(f.category),
      confidence: confidencePercent(f.confidence),
      primary: p,
      excerpts: excerpts(f.evidence ?? []),
    }));

  const flags = new Set([...(draft.flags ?? []), ...(classify?.flags ?? [])]);
  const threat = flags.has("threat");
  const abusive = flags.has("abusive");
  const pressure =
    threat || abusive || draft.managerCopyAdvised
      ? { threat, abusive, excerpts: excerpts(classify?.flagEvidence ?? []) }
      : null;

  const suggestion = draft.suggestedAudience ?? classify?.audience;
  const suggested = suggestion?.suggested ?? draft.audience;
  const selected = selections.audience ?? draft.audience ?? suggested;

  const known = mergeKnownFields(input.knownFields ?? new Map(), draft.missingFields);
  const missingNow = new Set(draft.missingFields.map((f) => f.name));
  const fields: FieldView[] = [...known.values()].map((f) => ({
    name: f.name,
    label: f.label || humanizeId(f.name),
    ...(f.unit ? { unit: f.unit } : {}),
    value: selections.fields[f.name] ?? "",
    missing: missingNow.has(f.name),
  }));

  const checked = selections.alternatives ? new Set(selections.alternatives) : null;
  // An alternative whose text is empty for this email (it would contradict the refusal) cannot be offered: not listed.
  const alternatives = draft.alternatives.filter((a) => (a.text ?? "").trim() !== "").map((a) => ({
    id: a.id,
    title: a.title,
    text: a.text ?? "",
    checked: checked ? checked.has(a.id) : a.offered,
  }));

  const checks = checkList(draft.checks);

  const category = selections.category ?? draft.category;
  return {
    mode: email.mode,
    subject: email.subject,
    sender: senderLabel(email.from),
    asks,
    category,
    kinds: kindOptions(category, draft.category, ...asks.map((a) => a.category)),
    pressure,
    audience: { selected, suggested, reason: suggestion?.reason ?? "" },
    dataPoints: draft.dataPoints.map((d) => ({
      name: d.name,
      label: d.label || humanizeId(d.name),
      value: d.value,
      source: sourceLabel(d.source),
    })),
    fields,
    alternatives,
    otherAsks: otherAsks(category, draft, classify, selections),
    theyAreRightAbout: selections.theyAreRightAbout,
    preview: { subject: draft.subject, html: draft.html, text: draft.text },
    checks,
    checkNotes: draft.checkNotes ?? [],
    inserts: insertActions(email.mode),
    managerCopyAdvised: draft.managerCopyAdvised === true,
    canSaveToDrafts: email.mode === "read" && Boolean(email.itemId),
    readFromMailbox,
    reading: readingView(draft, selections),
    setAside: (draft.setAsideFields ?? []).map((name) => input.fieldLabels?.get(name) ?? humanizeId(name)),
  };
}

// ---------------------------------------------------------------------------------------------
// Saving to the Drafts folder and confirming the send (API answers -> words).

/** "Saved to your Drafts folder (Cc: Name <email>)." The Cc is what the server put on the draft. */
export function savedMessage(saved: Pick<ReplyDraftResponse, "cc">): string {
  const cc = (saved.cc ?? []).map(senderLabel).filter((s) => s);
  return cc.length ? `Saved to your Drafts folder (Cc: ${cc.join(", ")}).` : "Saved to your Drafts folder.";
}

/** The draft's web address when it is an https URL; anything else is not opened. */
export function safeWebLink(link: string | null | undefined): string | null {
  if (!link) return null;
  try {
    return new URL(link).protocol === "https:" ? link : null;
  } catch {
    return null;
  }
}

export interface ConfirmView {
  text: string;
  checks: { key: CheckKey; label: string; pass: boolean }[];
  /** True: sent as drafted; false: edited before sending; undefined: not known. */
  unchanged?: boolean;
  reasons: string[];
}

export function formatWhen(iso: string): string {
  const at = new Date(iso);
  if (!iso || Number.isNaN(at.getTime())) return iso;
  return at.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** confirm-sent's answer as the pane shows it: recorded now (with its checks), or recorded already by the on-send handler. */
export function confirmSentView(answer: ConfirmSentResponse): ConfirmView {
  const when = answer.sentAt ? ` on ${formatWhen(answer.sentAt)}` : "";
  if (answer.alreadyRecorded || !answer.event) {
    return { text: `Sent${when}. It was already in the log: Say no recorded it when you sent it.`, checks: [], reasons: [] };
  }
  const event = answer.event;
  const checks = event.checks
    ? checkList(event.checks)
    : [];
  return {
    text: `Found in your Sent Items: sent${when}. Say no has recorded it.`,
    checks,
    ...(typeof event.unchanged === "boolean" ? { unchanged: event.unchanged } : {}),
    reasons: (event.reasons ?? []).filter((r) => typeof r === "string" && r.trim() !== ""),
  };
}
