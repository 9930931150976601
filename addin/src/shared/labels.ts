// Readable words for the ids the API and the log use: kind ids, audiences, check names, data point
// and field names, validation problem keys. The pane, the admin page and the compliance page print
// these words, never the ids; this is the one place that maps an id to words when the API gave only
// the id. Where the API gives a title or label, the pages use that first.

/** The kinds the product ships with (templates/<kind>/kind.json titles). Admin-added kinds get their
 * catalog title where the page has the catalog, else their id in words. */
export const KIND_TITLES: Readonly<Record<string, string>> = {
  discount: "Discount or lower price",
  deadline: "Earlier delivery or deadline",
  scope: "Extra work or scope",
  payment_terms: "Longer payment terms",
  liability: "Refund, credit or compensation",
  exception: "Exception to a rule",
  other: "Nothing to refuse",
};

export const AUDIENCE_LABELS: Readonly<Record<string, string>> = {
  commercial: "Commercial",
  technical: "Technical",
  finance: "Finance",
};

export const CHECK_LABELS: Readonly<Record<string, string>> = {
  saysNo: "Says no",
  givesReason: "Gives a reason",
  citesData: "Cites data",
  offersAlternative: "Offers an alternative",
  respectful: "Respectful",
  grounded: "States only what is supported",
};

/** The first check's label for a reply that owns our part and grants the remedy, refusing nothing. */
export const GRANTS_LABEL = "Grants the remedy plainly";

/** The first check's label for these checks. */
export function checkLabelFor(id: string, checks: Readonly<Record<string, boolean | undefined>> | null | undefined): string {
  return id === "saysNo" && checks?.["grants"] === true ? GRANTS_LABEL : checkLabel(id);
}

/** Where a data point's value came from (DataPointDto.source). */
/** The stances a reply takes, as people see them (the API's Stances.Label says the same). */
export const STANCE_LABELS: Readonly<Record<string, string>> = {
  refuse: "Say no",
  own_part: "Own our part",
  imposed: "Answer an imposition",
  small: "Consider a yes",
};

export function stanceLabel(id: string | null | undefined): string {
  if (!id) return "";
  return STANCE_LABELS[id] ?? humanizeId(id);
}

export const SOURCE_LABELS: Readonly<Record<string, string>> = {
  email: "from the email",
  fact: "policy figure",
  field: "you typed",
  computed: "computed",
};

/** Top-level keys of the draft request's validation problems, in words. */
const REQUEST_KEYS: Readonly<Record<string, string>> = {
  email: "The email",
  "email.body": "The email's text",
  "email.subject": "The email's subject",
  "email.from": "The sender",
  "email.itemId": "The email's id",
  audience: "Audience",
  category: "Kind of ask",
  fields: "Figures you typed",
  alternatives: "Alternatives",
  theyAreRightAbout: "They are right about",
  reason: "Their reason",
  body: "The text",
  type: "Event",
  mode: "How it was inserted",
  to: "Recipients",
  comment: "Comment",
};

/**
 * An id in words: "payment_terms" → "Payment terms", "averageDaysToPay" → "Average days to pay",
 * "requestedDiscountPercent" → "Requested discount (%)". For ids the API sent without a label.
 */
export function humanizeId(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/[_\-./]+/g, " ")
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return id;
  // A trailing unit word reads better as the unit ("margin percent" → "margin (%)").
  const unit = words.length > 1 ? { percent: "(%)", pct: "(%)" }[words[words.length - 1]!] : undefined;
  if (unit) words[words.length - 1] = unit;
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type Titles = ReadonlyMap<string, string> | Readonly<Record<string, string>> | undefined;

function lookup(titles: Titles, id: string): string | undefined {
  if (!titles) return undefined;
  const value = titles instanceof Map ? titles.get(id) : (titles as Record<string, string>)[id];
  return typeof value === "string" && value.trim() ? value : undefined;
}

/** A kind's title: the catalog's (when the page has it), the shipped one, else the id in words. */
export function kindTitle(id: string | null | undefined, titles?: Titles): string {
  if (!id) return "";
  return lookup(titles, id) ?? KIND_TITLES[id] ?? humanizeId(id);
}

export function audienceLabel(id: string | null | undefined): string {
  if (!id) return "";
  return AUDIENCE_LABELS[id] ?? humanizeId(id);
}

export function checkLabel(id: string | null | undefined): string {
  if (!id) return "";
  return CHECK_LABELS[id] ?? humanizeId(id);
}

export function sourceLabel(id: string | null | undefined): string {
  if (!id) return "";
  return SOURCE_LABELS[id] ?? humanizeId(id);
}

/** A template id ("payment_terms/finance") in words: "Longer payment terms, finance". */
export function templateTitle(id: string | null | undefined, titles?: Titles): string {
  if (!id) return "";
  const [kind, audience] = id.split("/");
  return audience ? `${kindTitle(kind, titles)}, ${audienceLabel(audience).toLowerCase()}` : kindTitle(kind, titles);
}

/** A retired kind's definition path ("warranty_extension/kind.json") → its kind id. */
export function kindOfDefinitionPath(path: string): string {
  const slash = path.indexOf("/");
  return slash > 0 ? path.slice(0, slash) : path;
}

/**
 * A validation problem key in words. "fields.averageDaysToPay" is the field's label (as the API gave
 * it, else the name in words); known request keys have fixed words; anything else is put in words.
 */
export function problemKeyLabel(key: string, fieldLabel?: (name: string) => string | undefined): string {
  if (!key) return "";
  const known = REQUEST_KEYS[key];
  if (known) return known;
  const field = /^fields\.(.+)$/.exec(key);
  if (field) return fieldLabel?.(field[1]!) ?? humanizeId(field[1]!);
  return humanizeId(key.split(".").pop() ?? key);
}

/**
 * Replaces ids the reader would not know in a server message by their words: each id in `words`
 * (field names, kind ids) as a whole word, quoted or not. A message names ids when the server wrote
 * it for developers ("The value of averageDaysToPay is longer than 200 characters.").
 */
export function withWords(message: string, words: ReadonlyMap<string, string>): string {
  let text = message;
  // Longest first, so "contractValue" is not half-replaced by a shorter id inside it.
  for (const id of [...words.keys()].sort((a, b) => b.length - a.length)) {
    if (!id) continue;
    const pattern = new RegExp(`(['"]?)\\b${escapeRegExp(id)}\\b\\1`, "g");
    text = text.replace(pattern, () => words.get(id)!);
  }
  return text;
}

/** A server message with every id in words: the known ones by `words`, any other snake_case or
 * camelCase word (a kind id, a field name) by kindTitle. */
export function plainMessage(message: string, words: ReadonlyMap<string, string> = new Map()): string {
  return withWords(message, words).replace(new RegExp(ID_LIKE.source, "g"), (id) => kindTitle(id));
}

/** Validation problems as lines "<label>: <message>", with the ids in the messages put in words too. */
export function errorLines(
  errors: Readonly<Record<string, readonly string[]>> | undefined,
  fieldLabel?: (name: string) => string | undefined,
  words: ReadonlyMap<string, string> = new Map(),
): string[] {
  const lines: string[] = [];
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const label = problemKeyLabel(key, fieldLabel);
    for (const message of messages ?? []) {
      const text = plainMessage(String(message), words);
      lines.push(label ? `${label}: ${text}` : text);
    }
  }
  return lines;
}

/** snake_case or camelCase words: what an internal id looks like in running text. */
export const ID_LIKE = /\b(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z]+(?:[A-Z][a-z0-9]+)+)\b/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
