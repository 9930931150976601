// Bidirectional controls in a customer's or a sender's text can make it read differently from what
// it is (a right-to-left override turns "txt.exe" around). A reviewer must see them, so they are
// shown as marks such as ⟦RLO⟧ instead of being applied. Built from text nodes only.

/** The short name and the full name of each control shown. */
export const BIDI_CONTROLS: Readonly<Record<string, readonly [string, string]>> = {
  "\u202A": ["LRE", "left-to-right embedding"],
  "\u202B": ["RLE", "right-to-left embedding"],
  "\u202C": ["PDF", "pop directional formatting"],
  "\u202D": ["LRO", "left-to-right override"],
  "\u202E": ["RLO", "right-to-left override"],
  "\u2066": ["LRI", "left-to-right isolate"],
  "\u2067": ["RLI", "right-to-left isolate"],
  "\u2068": ["FSI", "first strong isolate"],
  "\u2069": ["PDI", "pop directional isolate"],
  "\u200E": ["LRM", "left-to-right mark"],
  "\u200F": ["RLM", "right-to-left mark"],
  "\u061C": ["ALM", "Arabic letter mark"],
};

const CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** Whether the text has any bidirectional control. */
export function hasBidiControls(text: string): boolean {
  return CONTROL.test(text);
}

/** The text as nodes: runs of ordinary text as text nodes, each control as
 * <span class="bidi-mark" title="U+202E right-to-left override">⟦RLO⟧</span>. One pass over the text. */
export function bidiNodes(text: string): Node[] {
  const nodes: Node[] = [];
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const control = BIDI_CONTROLS[text[i]!];
    if (!control) continue;
    if (i > run) nodes.push(document.createTextNode(text.slice(run, i)));
    const mark = document.createElement("span");
    mark.className = "bidi-mark";
    mark.title = `U+${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0")} ${control[1]}`;
    mark.textContent = `⟦${control[0]}⟧`;
    nodes.push(mark);
    run = i + 1;
  }
  if (run < text.length || nodes.length === 0) nodes.push(document.createTextNode(text.slice(run)));
  return nodes;
}

/** Sets an element's content to the text with its bidi controls shown as marks. */
export function setTextWithBidiMarks(node: Element, text: string): void {
  node.replaceChildren(...bidiNodes(text));
}
