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
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  const flags = new Array<boolean>(b.length).fill(false);
  if (n * m > 1_000_000) return newText === "" ? [] : [{ text: newText, added: false }];
  // lcs[i][j] = length of the LCS of a[start+i..endA) and b[start+j..endB).
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (j < m) {
    if (i < n && a[start + i] === b[start + j]) {
      i++;
      j++;
    } else if (i < n && lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      i++;
    } else {
      flags[start + j] = true;
      j++;
    }
  }
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
