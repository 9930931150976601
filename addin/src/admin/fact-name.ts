// A fact's internal id as small secondary text under its label. The id may only wrap where a
// camelCase word starts (a <wbr> there), never letter by letter, so "grossMarginFloorPercent"
// reads as "grossMargin / FloorPercent" at worst.
import { el } from "./dom";

/** The id cut before each capital that starts a word and before each run of digits. */
export function camelParts(name: string): string[] {
  const parts = name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^A-Za-z0-9]+/g);
  return parts && parts.join("") === name ? parts : [name];
}

/** The id with break opportunities only between its words; the title holds it whole. */
export function factIdElement(name: string): HTMLElement {
  const id = el("code", { className: "fact-id", title: name });
  camelParts(name).forEach((part, i) => {
    if (i > 0) id.appendChild(document.createElement("wbr"));
    id.appendChild(document.createTextNode(part));
  });
  return id;
}
