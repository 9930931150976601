import { align } from "./sequence-diff";

// Which words of a preview an edit added, so the preview can mark them. A word diff (longest
// common subsequence over words and the spaces between them), computed here from the preview text
// before and after the edit; the API is not asked for it.

export interface WordPart {
  text: string;
  added: boolean;
}

/** Words and the whitespace between them, in order; joined they give the text back. */
export function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** The new text cut into parts, each added (not in the old text at that place) or kept. Texts too
 * large for the table (over 1 million cells) come back whole and unmarked: no highlight beats a
 * frozen page. */
export function addedWords(oldText: string, newText: string): WordPart[] {
  const a = tokens(oldText);
  const b = tokens(newText);
  const steps = align(a, b, 1_000_000);
  if (!steps) return newText === "" ? [] : [{ text: newText, added: false }];
  const flags = new Array<boolean>(b.length).fill(false);
  for (const s of steps) if (s.op === "add") flags[s.j] = true;
  // Whitespace alone is never marked, so a mark covers words; neighbouring marks join.
  const parts: WordPart[] = [];
  for (let k = 0; k < b.length; k++) {
    const text = b[k]!;
    const blank = /^\s+$/.test(text);
    let added = flags[k]! && !blank;
    if (blank && flags[k] && parts.length > 0 && parts[parts.length - 1]!.added && k + 1 < b.length && flags[k + 1]) added = true;
    const last = parts[parts.length - 1];
    if (last && last.added === added) last.text += text;
    else parts.push({ text, added });
  }
  return parts;
}

/** Fills target with the new text, the added words inside <mark>; text nodes only. */
export function renderMarked(target: HTMLElement, parts: WordPart[]): void {
  target.replaceChildren();
  for (const part of parts) {
    if (!part.added) {
      target.appendChild(document.createTextNode(part.text));
      continue;
    }
    const mark = document.createElement("mark");
    mark.className = "preview-change";
    mark.textContent = part.text;
    target.appendChild(mark);
  }
}
