// The draft as the account manager may edit it in the pane: whether the text on screen is still the
// generated one, and the HTML Outlook gets for an edited text. Pure functions, no DOM.
import type { DraftToInsert } from "./mailbox";
import type { DraftResponse } from "./types";

/** Whitespace aside, as the server compares them (DraftEvents.IsEdited): a textarea turns \r\n into \n
 * and people leave trailing spaces, which is not editing. */
function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function isEdited(generated: string, text: string): boolean {
  return normalise(generated) !== normalise(text);
}

const ENCODE: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function encode(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENCODE[c]!);
}

/**
 * The reply's HTML from its text, as the API makes it from a rendered template (ReplyText.ToHtml):
 * paragraphs split by a blank line, "- " lines as a bullet list, other line breaks as <br>. Every
 * character is encoded, so nothing the account manager (or the customer, quoted) typed becomes markup.
 */
export function textToHtml(text: string): string {
  const paragraphs = text.replace(/\r\n?/g, "\n").split("\n\n").filter((p) => p.length > 0);
  let html = "";
  for (const paragraph of paragraphs) {
    const lines = paragraph.split("\n");
    let i = 0;
    while (i < lines.length) {
      if (lines[i]!.startsWith("- ")) {
        html += "<ul>";
        while (i < lines.length && lines[i]!.startsWith("- ")) html += `<li>${encode(lines[i++]!.slice(2))}</li>`;
        html += "</ul>";
        continue;
      }
      const run: string[] = [];
      while (i < lines.length && !lines[i]!.startsWith("- ")) run.push(encode(lines[i++]!));
      html += `<p>${run.join("<br>")}</p>`;
    }
  }
  return html;
}

/** What Insert puts in Outlook: the generated draft, or the edited text and its HTML. */
export function draftToInsert(draft: Pick<DraftResponse, "id" | "html" | "text">, edited: string | null): DraftToInsert {
  if (edited === null) return { id: draft.id, html: draft.html, text: draft.text };
  const text = edited.replace(/\r\n?/g, "\n").trim();
  return { id: draft.id, html: textToHtml(text), text };
}
