// DOM helpers for the admin page. Text from the API only ever becomes text nodes (textContent);
// nothing in the admin page assigns innerHTML.

export { append, clear, el, replace, type Child } from "../shared/dom";

/** A short, readable time for version lists. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** The first few words of a sentence, for select options. */
export function firstWords(text: string, count = 8): string {
  const words = text.trim().split(/\s+/);
  return words.length <= count ? words.join(" ") : words.slice(0, count).join(" ") + "…";
}
