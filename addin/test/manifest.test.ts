// The repository's manifest.xml as Microsoft's own manifest tool reads it (offline: `info` only,
// `validate` needs the internet).
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const addin = join(here, "..");
const manifest = join(addin, "..", "manifest.xml");
const cli = join(addin, "node_modules", "office-addin-manifest", "cli.js");

function info(): string {
  return execFileSync(process.execPath, [cli, "info", manifest], { encoding: "utf8", timeout: 30_000 });
}

describe("manifest.xml read by office-addin-manifest", () => {
  it("parses as a mail add-in with the item permission the pane needs", () => {
    const out = info();
    expect(out).toMatch(/Type:\s*MailApp/);
    expect(out).toMatch(/Name:\s*Say No/);
    expect(out).toMatch(/Permissions:\s*ReadWriteItem/);
    expect(out).toMatch(/Hosts:\s*Mailbox/);
  });

  it("points its icons at the API's development host", () => {
    const out = info();
    expect(out).toMatch(/Icon Url:\s*https:\/\/localhost:5181\/addin\/assets\/icon-64\.png/);
    expect(out).toMatch(/High Resolution Icon Url:\s*https:\/\/localhost:5181\/addin\/assets\/icon-128\.png/);
  });
});
