// Plain text to the HTML Outlook would hand the pane, and a reply's HTML back to text for the reply box.
// The reply's HTML comes from the API's draft: it is parsed into an inert document (no scripts run, nothing
// is loaded) and only its text is kept, so nothing from it ever becomes markup on the page.

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Blank lines separate paragraphs, single newlines become <br>. (TrySamplesTests does the same in C#.) */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n\n")
    .map((p) => `<p>${p.split("\n").map(escapeHtml).join("<br>")}</p>`)
    .join("");
}

const BLOCKS = new Set(["P", "DIV", "TR", "H1", "H2", "H3", "H4", "BLOCKQUOTE", "UL", "OL", "TABLE"]);

/** The text a reader sees in an HTML body: block elements on their own lines, <br> as a newline. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const out: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      out.push((node.textContent ?? "").replace(/\s+/g, " "));
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const tag = (node as Element).tagName;
    if (tag === "BR") {
      out.push("\n");
      return;
    }
    if (tag === "STYLE" || tag === "SCRIPT" || tag === "HEAD") return;
    const block = BLOCKS.has(tag);
    if (block) out.push("\n");
    // List items one to a line, with no blank line between them.
    if (tag === "LI") out.push("\n• ");
    node.childNodes.forEach(walk);
    if (block) out.push("\n");
  };
  walk(doc.body);
  return out
    .join("")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
