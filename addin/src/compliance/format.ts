// Small pieces of display shared by the compliance views. Everything returns text or elements built
// with textContent (through el()); nothing here parses HTML.
import { el } from "../shared/dom";
import { CHECK_SHORT, checkLabel } from "./types";

export { append, clear, el, replace, type Child } from "../shared/dom";

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-11-16 09:05" in UTC (the review filters' days are UTC too). */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** A time element showing formatUtc, with the full ISO time as its datetime and tooltip. */
export function timeEl(iso: string | null | undefined, withZone = false): HTMLElement {
  if (!iso) return el("span", { className: "muted" }, "—");
  const [day, time] = formatUtc(iso).split(" ");
  // The day and the time each stay whole; a narrow column breaks between them.
  return el("time", { dateTime: iso, title: iso }, el("span", { className: "nowrap" }, day ?? ""), " ", el("span", { className: "nowrap" }, (time ?? "") + (withZone ? " UTC" : "")));
}

export function shortHash(hash: string | null | undefined, length = 12): string {
  return hash ? hash.slice(0, length) : "";
}

/** 0.8333 → "83.3%". */
export function percent(share: number | null | undefined): string {
  if (typeof share !== "number" || !Number.isFinite(share)) return "—";
  const value = Math.round(share * 1000) / 10;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`;
}

export const STATUS_LABELS: Record<string, string> = {
  generated: "Generated",
  inserted: "Inserted",
  sent: "Sent",
  discarded: "Discarded",
  notSent: "Not sent",
};

export const REVIEW_LABELS: Record<string, string> = {
  none: "Not reviewed",
  reviewed: "Reviewed",
  escalated: "Escalated",
};

export const FLAG_LABELS: Record<string, string> = {
  threat: "Threat",
  abusive: "Abusive",
  any: "Threat or abusive",
};

export const RECORD_LABELS: Record<string, string> = {
  generated: "Generated",
  inserted: "Inserted",
  sent: "Sent",
  discarded: "Discarded",
  reviewed: "Marked reviewed",
  escalated: "Escalated",
  comment: "Comment",
  template_changed: "Template changed",
  checkpoint: "Checkpoint",
};

export function label(map: Record<string, string>, key: string | null | undefined): string {
  if (!key) return "";
  return map[key] ?? key;
}

export function editedLabel(sentUnchanged: boolean | null | undefined): string {
  if (sentUnchanged === true) return "Unchanged";
  if (sentUnchanged === false) return "Edited";
  return "—";
}

/** Badges for the threat and abusive flags. */
export function flagBadges(flags: readonly string[] | undefined): HTMLElement {
  const box = el("span", { className: "badges" });
  for (const flag of flags ?? []) box.appendChild(el("span", { className: `badge badge-${flag === "abusive" ? "abusive" : "threat"}`, "data-flag": flag }, label(FLAG_LABELS, flag)));
  return box;
}

/** Chips for failed checks: what is missing, short ("No alternative"); the check's name as tooltip. */
export function failedChips(failed: readonly string[] | undefined): HTMLElement {
  const box = el("span", { className: "chips" });
  for (const key of failed ?? []) box.appendChild(el("span", { className: "chip chip-fail", "data-check": key, title: `Failed: ${checkLabel(key)}` }, (CHECK_SHORT as Record<string, string>)[key] ?? key));
  return box;
}

export function reviewBadge(review: string): HTMLElement {
  return el("span", { className: `review review-${review}`, "data-review": review }, label(REVIEW_LABELS, review));
}

/** A short readable message for any error. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
