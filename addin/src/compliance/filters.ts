// The page's state in the address: the filters (named as the API names them), the page of the list,
// the open draft and the tab, so a filtered view can be bookmarked and shared. Pure functions.
//
// Dates are whole days (UTC, as the API reads them). "to" is inclusive on the page and in the
// address; the API's "to" is exclusive, so apiQuery sends the day after.
import { AUDIENCES, CHECKS, FLAGS, REVIEWS, STATUSES } from "./types";

export interface Filters {
  user: string;
  domain: string;
  kind: string;
  audience: string;
  flag: string;
  failedCheck: string;
  status: string;
  edited: string;
  review: string;
  from: string;
  to: string;
  q: string;
}

export const FILTER_KEYS = ["user", "domain", "kind", "audience", "flag", "failedCheck", "status", "edited", "review", "from", "to", "q"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const TABS = ["drafts", "dashboard", "templates"] as const;
export type Tab = (typeof TABS)[number];

export const PAGE_SIZE = 50;

export interface ViewState {
  filters: Filters;
  skip: number;
  /** Ask the API for the total (count=true). */
  count: boolean;
  /** The draft open in the detail pane. */
  draft: string | null;
  tab: Tab;
}

/** The values a closed filter accepts; anything else in the address is dropped. */
const ALLOWED: Partial<Record<FilterKey, readonly string[]>> = {
  audience: AUDIENCES,
  flag: FLAGS,
  failedCheck: CHECKS,
  status: STATUSES,
  edited: ["true", "false"],
  review: REVIEWS,
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function emptyFilters(): Filters {
  return { user: "", domain: "", kind: "", audience: "", flag: "", failedCheck: "", status: "", edited: "", review: "", from: "", to: "", q: "" };
}

export function defaultState(): ViewState {
  return { filters: emptyFilters(), skip: 0, count: false, draft: null, tab: "drafts" };
}

/** A filter value as the page keeps it: trimmed, known values only, dates as yyyy-mm-dd. */
export function cleanValue(key: FilterKey, raw: string | null | undefined): string {
  const value = (raw ?? "").trim();
  if (!value) return "";
  const allowed = ALLOWED[key];
  if (allowed) return allowed.includes(value) ? value : "";
  if (key === "from" || key === "to") return DATE.test(value) && validDate(value) ? value : "";
  if (key === "domain") return value.toLowerCase().slice(0, 200);
  return value.slice(0, 200);
}

function validDate(day: string): boolean {
  const date = new Date(day + "T00:00:00Z");
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** The state in a query string (location.search). Unknown or invalid values are ignored. */
export function parseState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const state = defaultState();
  for (const key of FILTER_KEYS) state.filters[key] = cleanValue(key, params.get(key));
  const skip = Number(params.get("skip"));
  state.skip = Number.isInteger(skip) && skip > 0 ? skip : 0;
  state.count = params.get("count") === "true";
  const draft = params.get("draft")?.trim();
  state.draft = draft ? draft.slice(0, 100) : null;
  const tab = params.get("tab");
  state.tab = (TABS as readonly string[]).includes(tab ?? "") ? (tab as Tab) : "drafts";
  return state;
}

/** The query string for a state ("" or "?..."), with only what differs from the default, in a stable order. */
export function stateToSearch(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.tab !== "drafts") params.set("tab", state.tab);
  for (const key of FILTER_KEYS) {
    const value = cleanValue(key, state.filters[key]);
    if (value) params.set(key, value);
  }
  if (state.skip > 0) params.set("skip", String(state.skip));
  if (state.count) params.set("count", "true");
  if (state.draft) params.set("draft", state.draft);
  const qs = params.toString();
  return qs ? "?" + qs : "";
}

/** The day after a yyyy-mm-dd day. */
export function nextDay(day: string): string {
  const date = new Date(day + "T00:00:00Z");
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The filters as the API takes them (drafts and export.csv): "to" made exclusive. */
export function filterQuery(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = cleanValue(key, filters[key]);
    if (!value) continue;
    params.set(key, key === "to" ? nextDay(value) : value);
  }
  return params;
}

/** The list query: the filters, the page, and count=true when asked. */
export function apiQuery(state: ViewState, take = PAGE_SIZE): URLSearchParams {
  const params = filterQuery(state.filters);
  if (state.skip > 0) params.set("skip", String(state.skip));
  params.set("take", String(take));
  if (state.count) params.set("count", "true");
  return params;
}

/** True when at least one filter is set. */
export function hasFilters(filters: Filters): boolean {
  return FILTER_KEYS.some((key) => cleanValue(key, filters[key]) !== "");
}

/** yyyy-mm-dd of a date, in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Last week, Monday to Sunday (UTC), before the week of `today`. */
export function lastWeek(today: Date): { from: string; to: string } {
  const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  const thisMonday = new Date(day);
  thisMonday.setUTCDate(day.getUTCDate() - sinceMonday);
  const from = new Date(thisMonday);
  from.setUTCDate(thisMonday.getUTCDate() - 7);
  const to = new Date(thisMonday);
  to.setUTCDate(thisMonday.getUTCDate() - 1);
  return { from: isoDay(from), to: isoDay(to) };
}

export type Preset = "sentWithoutAlternative" | "lastWeek";

/** The filters a quick preset gives. "Sent without an alternative" starts afresh; "last week" keeps
 * the other filters and sets the dates. */
export function applyPreset(filters: Filters, preset: Preset, today: Date): Filters {
  if (preset === "sentWithoutAlternative") return { ...emptyFilters(), status: "sent", failedCheck: "offersAlternative" };
  return { ...filters, ...lastWeek(today) };
}
