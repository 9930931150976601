// One draft (one customer email): for reviewers the actions first, so they are on the first screen;
// then what was generated and what was sent side by side, the word diff, the checks of both,
// recipients, data points, the template, every revision (each time the email was drafted), and every
// log record about it.
import { ComplianceApiError } from "./api";
import { bidiNodes } from "./bidi-marks";
import { diffSection } from "./diff-view";
import {
  editedLabel,
  el,
  flagBadges,
  label,
  messageOf,
  RECORD_LABELS,
  replace,
  reviewBadge,
  shortHash,
  STATUS_LABELS,
  timeEl,
  type Child,
} from "./format";
import { CHECKS, checkLabel, type Checks, type DraftDetail, type LogRecord, type Recipient, type Revision, type ReviewAction } from "./types";
import { humanizeId, kindTitle, stanceLabel } from "../shared/labels";

export interface DetailViewOptions {
  /** Reviewers see the actions; account managers do not. */
  canAct: boolean;
  /** Records the action; the app refreshes the draft and the list afterwards. */
  act: (id: string, type: ReviewAction, comment: string) => Promise<void>;
  onClose: () => void;
  /** 401/403 handling of the app; true when it took over. */
  onAuthError: (e: unknown) => boolean;
}

export class DetailView {
  readonly element: HTMLElement;
  private current: DraftDetail | null = null;
  private busy = false;

  constructor(private readonly options: DetailViewOptions) {
    this.element = el("section", { className: "panel detail-panel", testid: "detail", "aria-label": "Draft", hidden: true });
  }

  get draftId(): string | null {
    return this.current?.summary.id ?? null;
  }

  hide(): void {
    this.current = null;
    this.element.hidden = true;
    replace(this.element);
  }

  loading(id: string): void {
    this.element.hidden = false;
    this.element.setAttribute("aria-busy", "true");
    if (this.current?.summary.id !== id) replace(this.element, this.closeBar(), el("p", { className: "muted", role: "status" }, "Loading the draft…"));
  }

  error(message: string): void {
    this.element.hidden = false;
    this.element.removeAttribute("aria-busy");
    this.current = null;
    replace(this.element, this.closeBar(), el("p", { className: "error", role: "alert", testid: "detail-error" }, message));
  }

  show(detail: DraftDetail, note?: string): void {
    this.current = detail;
    this.element.hidden = false;
    this.element.removeAttribute("aria-busy");
    const s = detail.summary;
    const g = detail.generated ?? {};
    const sent = detail.sent;
    const template = g.template;
    replace(
      this.element,
      this.closeBar(),
      el(
        "header",
        { className: "detail-head" },
        el("h2", { testid: "detail-subject", id: "detail-title" }, s.subject || "(no subject)"),
        el(
          "p",
          { className: "detail-meta" },
          el("span", {}, "From ", el("strong", {}, s.fromName), ` <${s.fromEmail}>`),
          " · ",
          el("span", {}, "Drafted by ", el("strong", { testid: "detail-user" }, s.userName)),
          " · ",
          timeEl(s.createdAtUtc, true),
        ),
        el(
          "div",
          { className: "detail-tags" },
          el("span", { className: "tag", testid: "detail-kind" }, s.kind),
          el("span", { className: "tag" }, s.audience),
          el("span", { className: "tag", testid: "detail-status" }, label(STATUS_LABELS, s.status)),
          s.status === "sent" ? el("span", { className: "tag", testid: "detail-edited" }, editedLabel(s.sentUnchanged)) : null,
          s.sentWarned ? el("span", { className: "tag tag-warn" }, "Sender was warned") : null,
          flagBadges(s.flags),
          reviewBadge(s.review),
        ),
      ),
      this.options.canAct ? this.actions(s.id, note) : null,
      this.texts(g.text, sent?.text, revisionNote(detail)),
      el("h3", {}, "What changed"),
      diffSection(detail.diff, detail.diffByLine === true),
      el("div", { className: "detail-grid" }, this.checks(g.checks, g.checkNotes, sent?.checks, sent?.checkNotes, !!sent), this.recipients(sent?.to, sent?.cc, !!sent)),
      el(
        "div",
        { className: "detail-grid" },
        this.dataPoints(detail),
        el(
          "section",
          { "aria-labelledby": "template-title" },
          el("h3", { id: "template-title" }, "Template"),
          el(
            "dl",
            { className: "facts", testid: "detail-template" },
            el("dt", {}, "Template"),
            el("dd", { className: "mono" }, template?.id ?? "—"),
            el("dt", {}, "Version"),
            el("dd", { testid: "detail-template-version" }, String(template?.version ?? s.templateVersion)),
            template?.sha256 ? el("dt", {}, "SHA-256") : null,
            template?.sha256 ? el("dd", { className: "mono", title: template.sha256 }, shortHash(template.sha256)) : null,
            g.ask?.quote ? el("dt", {}, g.ask.pointed ? "The ask, as the account manager pointed to it" : "The ask") : null,
            g.ask?.quote ? el("dd", { className: "quote" }, ...bidiNodes(g.ask.quote)) : null,
            g.stance?.taken ? el("dt", {}, "Stance") : null,
            g.stance?.taken ? el("dd", { testid: "detail-stance" }, stanceText(g.stance.taken, g.stance.suggested)) : null,
            g.also?.length ? el("dt", {}, "Other asks answered") : null,
            g.also?.length ? el("dd", { testid: "detail-also" }, g.also.map((k) => kindTitle(k)).join(", ")) : null,
            g.alternatives?.length ? el("dt", {}, "Alternatives offered") : null,
            g.alternatives?.length ? el("dd", {}, g.alternatives.map(humanizeId).join(", ")) : null,
          ),
        ),
      ),
      this.revisions(detail.revisions ?? [], detail.generatedRevision),
      this.timeline(detail.records),
    );
  }

  private closeBar(): HTMLElement {
    return el(
      "div",
      { className: "detail-close" },
      el("button", { type: "button", className: "small", testid: "detail-close", onclick: () => this.options.onClose(), "aria-label": "Close the draft" }, "✕ Close"),
    );
  }

  private texts(generated: string | undefined, sent: string | undefined, which: string | null): HTMLElement {
    const block = (text: string | undefined, testid: string, empty: string) =>
      text === undefined ? el("p", { className: "muted", testid }, empty) : el("pre", { className: "reply-text", testid }, ...bidiNodes(text));
    return el(
      "div",
      { className: "side-by-side" },
      el("figure", {}, el("figcaption", { testid: "generated-caption" }, which ? `Generated (${which})` : "Generated"), block(generated, "generated-text", "No generated text was logged.")),
      el("figure", {}, el("figcaption", {}, "Sent"), block(sent, "sent-text", "Not sent.")),
    );
  }

  private checks(generated: Checks | undefined, generatedNotes: string[] | undefined, sent: Checks | undefined, sentNotes: string[] | undefined, wasSent: boolean): HTMLElement {
    const cell = (value: boolean | undefined, who: string, check: string) => {
      if (value === undefined) return el("td", { className: "muted" }, "—");
      return el(
        "td",
        { "data-check": check, "data-side": who, "data-pass": String(value) },
        el("span", { className: `chip ${value ? "chip-pass" : "chip-fail"}` }, value ? "✓ pass" : "✗ fail"),
      );
    };
    const notes = (title: string, list: string[] | undefined) =>
      list && list.length ? el("div", { className: "check-notes-box" }, el("p", { className: "small muted" }, title), el("ul", { className: "check-notes" }, ...list.map((n) => el("li", {}, ...bidiNodes(n))))) : null;
    return el(
      "section",
      { "aria-labelledby": "checks-title" },
      el("h3", { id: "checks-title" }, "Checks"),
      el(
        "table",
        { className: "mini-table", testid: "detail-checks" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Check"), el("th", { scope: "col" }, "Generated"), el("th", { scope: "col" }, "Sent"))),
        el(
          "tbody",
          {},
          ...CHECKS.map((check) =>
            el("tr", {}, el("th", { scope: "row" }, checkLabel(check)), cell(generated?.[check], "generated", check), wasSent ? cell(sent?.[check], "sent", check) : el("td", { className: "muted" }, "—")),
          ),
        ),
      ),
      notes("Generated:", generatedNotes),
      notes("Sent:", sentNotes),
    );
  }

  private recipients(to: Recipient[] | undefined, cc: Recipient[] | undefined, wasSent: boolean): HTMLElement {
    const list = (people: Recipient[] | undefined, testid: string) =>
      people && people.length
        ? el("ul", { className: "people", testid }, ...people.map((p) => el("li", {}, p.name ? `${p.name} <${p.email ?? ""}>` : (p.email ?? ""))))
        : el("p", { className: "muted", testid }, "—");
    return el(
      "section",
      { "aria-labelledby": "recipients-title" },
      el("h3", { id: "recipients-title" }, "Recipients"),
      wasSent
        ? el("div", { className: "recipients" }, el("h4", {}, "To"), list(to, "recipients-to"), el("h4", {}, "Cc"), list(cc, "recipients-cc"))
        : el("p", { className: "muted" }, "Not sent."),
    );
  }

  private dataPoints(detail: DraftDetail): HTMLElement {
    const points = detail.generated?.dataPoints ?? [];
    const missing = detail.generated?.missingFields ?? [];
    return el(
      "section",
      { "aria-labelledby": "data-title" },
      el("h3", { id: "data-title" }, "Data points"),
      points.length
        ? el(
            "table",
            { className: "mini-table", testid: "detail-data" },
            el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Data point"), el("th", { scope: "col" }, "Value"), el("th", { scope: "col" }, "Source"))),
            el("tbody", {}, ...points.map((p) => el("tr", {}, el("td", { title: p.name }, p.label), el("td", {}, p.value), el("td", { className: "muted" }, p.source)))),
          )
        : el("p", { className: "muted" }, "None."),
      missing.length ? el("p", { className: "small muted" }, "Missing: ", missing.join(", ")) : null,
    );
  }

  /** Each time the email was drafted, in order: when, kind, audience, checks, what became of it, and its text. */
  private revisions(revisions: Revision[], shown: number | undefined): HTMLElement | null {
    if (revisions.length === 0) return null;
    return el(
      "section",
      { "aria-labelledby": "revisions-title" },
      el("h3", { id: "revisions-title" }, revisions.length === 1 ? "Drafted once" : `Drafted ${revisions.length} times`),
      el(
        "ol",
        { className: "revisions", testid: "revisions" },
        ...revisions.map((r) => {
          const g = r.generated ?? {};
          const failed = CHECKS.filter((c) => g.checks?.[c] === false);
          const fate = [r.inserted ? "inserted" : null, r.sent ? "sent" : null, r.discarded ? "discarded" : null].filter((x): x is string => x !== null);
          return el(
            "li",
            { testid: "revision", "data-number": String(r.number), "data-shown": String(r.number === shown) },
            el(
              "div",
              { className: "revision-head" },
              el("strong", {}, `Draft ${r.number}`),
              " · ",
              timeEl(r.atUtc, true),
              " · ",
              el("span", { "data-col": "kind" }, g.category ?? "—"),
              " · ",
              el("span", { "data-col": "audience" }, g.audience ?? "—"),
              fate.length ? el("span", { className: "tag", "data-col": "fate" }, fate.join(", ")) : null,
              r.number === shown && revisions.length > 1 ? el("span", { className: "tag" }, "compared above") : null,
            ),
            el(
              "div",
              { className: "small", "data-col": "checks" },
              g.checks ? (failed.length ? `Failed: ${failed.map(checkLabel).join(", ")}` : "All checks pass") : "No checks logged",
            ),
            g.text !== undefined
              ? el("details", { className: "content" }, el("summary", {}, "Text"), el("pre", { className: "reply-text", testid: "revision-text" }, ...bidiNodes(g.text)))
              : null,
          );
        }),
      ),
    );
  }

  private timeline(records: LogRecord[]): HTMLElement {
    return el(
      "section",
      { "aria-labelledby": "records-title" },
      el("h3", { id: "records-title" }, "Log records"),
      el(
        "ol",
        { className: "timeline", testid: "timeline" },
        ...records.map((r) => {
          const comment = commentOf(r.payload);
          const how = howOf(r.type, r.payload);
          return el(
            "li",
            { "data-seq": String(r.seq), "data-type": r.type, testid: "timeline-record" },
            el("span", { className: "seq mono" }, `#${r.seq}`),
            el("span", { className: "rtype" }, label(RECORD_LABELS, r.type)),
            el("span", { className: "who" }, r.user?.name ?? ""),
            el("span", { className: "when" }, timeEl(r.atUtc, true)),
            el("span", { className: "hash mono", title: r.hash }, shortHash(r.hash)),
            revisionOf(r.payload) !== null ? el("span", { className: "rev" }, `draft ${revisionOf(r.payload)}`) : null,
            how ? el("p", { className: "record-comment", testid: "record-how" }, how) : null,
            comment ? el("p", { className: "record-comment" }, comment) : null,
          );
        }),
      ),
    );
  }

  private actions(id: string, note?: string): HTMLElement {
    const comment = el("textarea", { id: "action-comment", testid: "action-comment", rows: 2, maxlength: 2000 });
    const status = el("p", { className: "action-status", testid: "action-status", role: "status" }, note ?? "");
    if (note) status.dataset.state = "ok";
    const buttons: HTMLButtonElement[] = [];
    const run = async (type: ReviewAction) => {
      if (this.busy) return;
      if (type === "comment" && !comment.value.trim()) {
        status.dataset.state = "error";
        replace(status, "Write a comment first.");
        comment.focus();
        return;
      }
      this.busy = true;
      for (const b of buttons) b.disabled = true;
      status.dataset.state = "saving";
      replace(status, "Saving…");
      try {
        await this.options.act(id, type, comment.value);
      } catch (e) {
        if (this.options.onAuthError(e)) return;
        status.dataset.state = "error";
        const details: Child[] = e instanceof ComplianceApiError && e.fieldErrors.length ? [el("ul", {}, ...e.fieldErrors.map((m) => el("li", {}, m)))] : [];
        replace(status, `Not saved: ${messageOf(e)}`, ...details);
        for (const b of buttons) b.disabled = false;
      } finally {
        this.busy = false;
      }
    };
    buttons.push(
      el("button", { type: "button", className: "primary", testid: "action-reviewed", onclick: () => void run("reviewed") }, "Mark reviewed"),
      el("button", { type: "button", className: "danger", testid: "action-escalated", onclick: () => void run("escalated") }, "Escalate"),
      el("button", { type: "button", testid: "action-comment-submit", onclick: () => void run("comment") }, "Add comment"),
    );
    return el(
      "section",
      { className: "actions", "aria-labelledby": "actions-title", testid: "actions" },
      el("h3", { id: "actions-title" }, "Review"),
      el("div", { className: "toolbar" }, ...buttons),
      status,
      el("div", { className: "field" }, el("label", { for: "action-comment" }, "Comment (needed for “Add comment”, optional otherwise)"), comment),
    );
  }
}

/** How an inserted or sent record came about, in words: saved to Drafts through the mailbox (with
 * the manager copied), or found in Sent Items because the on-send handler did not report it. */
/** "Say no (suggested: Own our part)" when the account manager took another stance than the one suggested. */
export function stanceText(taken: string, suggested?: string): string {
  return suggested && suggested !== taken ? `${stanceLabel(taken)} (suggested: ${stanceLabel(suggested)})` : stanceLabel(taken);
}

export function howOf(type: string, payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const p = payload as { source?: unknown; mode?: unknown; manager?: { name?: unknown; email?: unknown } | null; mailboxSentAtUtc?: unknown };
  const mode = p.mode === "replyAll" ? "reply all" : p.mode === "compose" ? "compose" : p.mode === "reply" ? "reply" : null;
  if (type === "inserted") {
    if (p.source !== "mailbox") return mode ? `Inserted in Outlook (${mode}).` : null;
    const manager = p.manager && typeof p.manager.email === "string"
      ? ` with ${typeof p.manager.name === "string" && p.manager.name ? `${p.manager.name} <${p.manager.email}>` : p.manager.email} (manager) in Cc`
      : "";
    return `Saved to the user's Outlook Drafts${mode ? ` as a ${mode}` : ""}${manager}.`;
  }
  if (type === "sent") {
    if (p.source === "mailbox:mark") return "Confirmed from the user's Sent Items: the reply saved to Drafts, found by its mark.";
    if (p.source === "mailbox:conversation") return "Confirmed from the user's Sent Items: the user's first message in the thread after the draft (matched by conversation, not by a mark).";
    return "Reported by the on-send handler as the mail was sent.";
  }
  return null;
}

/** "draft 2 of 3" when the email was drafted more than once, else null. */
export function revisionNote(detail: DraftDetail): string | null {
  const count = detail.revisions?.length ?? 0;
  if (count <= 1) return null;
  return `draft ${detail.generatedRevision ?? count} of ${count}`;
}

/** The revision an event names (records from before revisions have none). */
function revisionOf(payload: unknown): number | null {
  if (typeof payload !== "object" || payload === null) return null;
  const revision = (payload as { revision?: unknown }).revision;
  return typeof revision === "number" ? revision : null;
}

function commentOf(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const comment = (payload as { comment?: unknown }).comment;
  return typeof comment === "string" && comment.trim() ? comment : null;
}
