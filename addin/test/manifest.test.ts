// The repository's manifest.xml as Microsoft's own manifest tool reads it (offline: `info` only,
// `validate` needs the internet).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HANDLER_NAME } from "../src/onsend/onsend";

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

// office-addin-manifest's `info` does not read event-based activation, so the LaunchEvent part is read here.
const VO11 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";
const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

function overrides11(): Element {
  const doc = new DOMParser().parseFromString(readFileSync(manifest, "utf8"), "application/xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  const block = doc.getElementsByTagNameNS(VO11, "VersionOverrides")[0];
  if (!block) throw new Error("no VersionOverrides 1.1");
  return block;
}

function url(block: Element, id: string | null): string | undefined {
  return Array.from(block.getElementsByTagNameNS(BT, "Url")).find((u) => u.getAttribute("id") === id)?.getAttribute("DefaultValue") ?? undefined;
}

describe("manifest.xml: the on-send check (Smart Alerts)", () => {
  it("declares the event runtime before the form factor: the page, and the script for classic Outlook on Windows", () => {
    const block = overrides11();
    const host = block.getElementsByTagNameNS(VO11, "Host")[0]!;
    expect(host.getAttributeNS(XSI, "type")).toBe("MailHost");
    expect(Array.from(host.children).map((e) => e.localName)).toEqual(["Runtimes", "DesktopFormFactor"]);
    const runtimes = host.getElementsByTagNameNS(VO11, "Runtime");
    expect(runtimes).toHaveLength(1);
    const runtime = runtimes[0]!;
    expect(url(block, runtime.getAttribute("resid"))).toBe("https://localhost:5181/addin/onsend.html");
    const override = runtime.getElementsByTagNameNS(VO11, "Override")[0]!;
    expect(override.getAttribute("type")).toBe("javascript");
    expect(url(block, override.getAttribute("resid"))).toBe("https://localhost:5181/addin/onsend.js");
  });

  it("runs the bundle's handler on OnMessageSend with SendMode PromptUser, from that runtime", () => {
    const block = overrides11();
    const point = Array.from(block.getElementsByTagNameNS(VO11, "ExtensionPoint")).find((p) => p.getAttributeNS(XSI, "type") === "LaunchEvent");
    expect(point).toBeDefined();
    const events = point!.getElementsByTagNameNS(VO11, "LaunchEvent");
    expect(events).toHaveLength(1);
    expect(events[0]!.getAttribute("Type")).toBe("OnMessageSend");
    expect(events[0]!.getAttribute("FunctionName")).toBe(HANDLER_NAME);
    expect(events[0]!.getAttribute("SendMode")).toBe("PromptUser");
    const runtime = block.getElementsByTagNameNS(VO11, "Runtime")[0]!;
    const source = Array.from(point!.children).find((e) => e.localName === "SourceLocation");
    expect(source?.getAttribute("resid")).toBe(runtime.getAttribute("resid"));
  });

  it("the runtime page loads office.js from the CDN, then onsend.js", () => {
    const html = readFileSync(join(addin, "src", "onsend", "onsend.html"), "utf8");
    const page = new DOMParser().parseFromString(html, "text/html");
    const scripts = Array.from(page.querySelectorAll("script")).map((s) => s.getAttribute("src"));
    expect(scripts).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "onsend.js"]);
  });

  it("still parses for Microsoft's manifest tool with the event runtime in it", () => {
    expect(info()).toMatch(/Type:\s*MailApp/);
  });
});
