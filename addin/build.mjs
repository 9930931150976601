// Bundles the task pane (and the sign-in dialog) into ../api/wwwroot/addin/, which the API serves
// at /addin/. MSAL is split into its own chunk, loaded only when Entra sign-in is configured.
// It also bundles the template admin page (src/admin/) into ../api/wwwroot/admin/, served at /admin/.
import { build } from "esbuild";
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "api", "wwwroot", "addin");
const adminOut = join(here, "..", "api", "wwwroot", "admin");

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await rm(adminOut, { recursive: true, force: true });
await mkdir(adminOut, { recursive: true });

const common = {
  absWorkingDir: here,
  bundle: true,
  minify: true,
  target: ["es2022"],
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
};

// The pane: ES module, MSAL split into a chunk that only the Entra sign-in path imports.
const pane = await build({
  ...common,
  entryPoints: { taskpane: "src/taskpane/taskpane.ts" },
  outdir: out,
  splitting: true,
  format: "esm",
  chunkNames: "chunks/[name]-[hash]",
});

// The sign-in dialog (hosts without nested app authentication): its own bundle.
await build({
  ...common,
  entryPoints: { "auth-dialog": "src/dialog/auth-dialog.ts" },
  outdir: out,
  format: "esm",
});

// Icons live with the sources and are copied beside the pane; the manifest points at them.
await mkdir(join(out, "assets"), { recursive: true });
for (const icon of await readdir(join(here, "assets"))) {
  await copyFile(join(here, "assets", icon), join(out, "assets", icon));
}

for (const [from, to] of [
  ["src/taskpane/taskpane.css", "taskpane.css"],
  ["src/dialog/auth-dialog.html", "auth-dialog.html"],
]) {
  await copyFile(join(here, from), join(out, to));
}

const outputs = pane.metafile.outputs;
const key = (name) => Object.keys(outputs).find((k) => k.endsWith(name));
const entry = key("/taskpane.js");
// Bytes loaded before the pane can work: taskpane.js and whatever it imports statically.
const seen = new Set();
const walk = (file) => {
  if (!file || seen.has(file)) return 0;
  seen.add(file);
  return outputs[file].bytes + outputs[file].imports.filter((i) => i.kind === "import-statement").reduce((n, i) => n + walk(i.path), 0);
};
const eager = walk(entry);
// The chunks taskpane.js imports statically are announced in the page (modulepreload), so the browser fetches
// them beside taskpane.js instead of after it: one round trip less before the pane can start.
const preloads = [...seen]
  .filter((file) => file !== entry)
  .map((file) => `    <link rel="modulepreload" href="${file.slice(file.indexOf("addin/") + 6)}" />`);
const paneSource = await readFile(join(here, "src", "taskpane", "taskpane.html"), "utf8");
const paneScript = '<script type="module" src="taskpane.js"></script>';
if (!paneSource.includes(paneScript)) throw new Error("taskpane.html no longer loads taskpane.js as build.mjs expects");
await writeFile(join(out, "taskpane.html"), paneSource.replace(paneScript, [paneScript, ...preloads].join("\n")));
console.log(`taskpane.js: ${outputs[entry].bytes} bytes minified; loaded at start (with static imports): ${eager} bytes (${(eager / 1024).toFixed(1)} KB, without office.js)`);
for (const [file, info] of Object.entries(outputs)) {
  if (file.endsWith(".js") && !seen.has(file)) console.log(`${file.slice(file.indexOf("addin/") + 6)}: ${info.bytes} bytes, loaded only when Entra sign-in is configured`);
}
console.log(`wrote ${out}`);

// The template admin page: one ES module (CodeMirror 6 included), its HTML and CSS.
const admin = await build({
  ...common,
  entryPoints: { admin: "src/admin/admin.ts" },
  outdir: adminOut,
  format: "esm",
  // MSAL in its own chunk, loaded only with Entra sign-in.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});
for (const file of ["admin.html", "admin.css"]) {
  await copyFile(join(here, "src", "admin", file), join(adminOut, file));
}
const adminJs = Object.entries(admin.metafile.outputs).find(([k]) => k.endsWith("/admin.js"))[1].bytes;
const adminGz = gzipSync(await readFile(join(adminOut, "admin.js"))).length;
console.log(`admin.js: ${adminJs} bytes minified (${(adminJs / 1024).toFixed(1)} KB, ${(adminGz / 1024).toFixed(1)} KB gzipped)`);
console.log(`wrote ${adminOut}`);

// The look both pages share (src/shared/pages.css), served at /pages/pages.css.
const pagesOut = join(here, "..", "api", "wwwroot", "pages");
await rm(pagesOut, { recursive: true, force: true });
await mkdir(pagesOut, { recursive: true });
await copyFile(join(here, "src", "shared", "pages.css"), join(pagesOut, "pages.css"));

// The compliance review page (src/compliance/) into ../api/wwwroot/compliance/, served at /compliance/.
const complianceOut = join(here, "..", "api", "wwwroot", "compliance");
await rm(complianceOut, { recursive: true, force: true });
await mkdir(complianceOut, { recursive: true });
const compliance = await build({
  ...common,
  entryPoints: { compliance: "src/compliance/compliance.ts" },
  outdir: complianceOut,
  format: "esm",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});
for (const file of ["compliance.html", "compliance.css"]) {
  await copyFile(join(here, "src", "compliance", file), join(complianceOut, file));
}
const complianceJs = Object.entries(compliance.metafile.outputs).find(([k]) => k.endsWith("/compliance.js"))[1].bytes;
console.log(`compliance.js: ${complianceJs} bytes minified; wrote ${complianceOut}`);

// The start page (src/start/) into ../api/wwwroot/start/, served at /.
const startOut = join(here, "..", "api", "wwwroot", "start");
await rm(startOut, { recursive: true, force: true });
await mkdir(startOut, { recursive: true });
await build({ ...common, entryPoints: { start: "src/start/start.ts" }, outdir: startOut, format: "esm", splitting: true, chunkNames: "chunks/[name]-[hash]" });
for (const file of ["start.html", "start.css"]) {
  await copyFile(join(here, "src", "start", file), join(startOut, file));
}
console.log(`wrote ${startOut}`);

// The on-send handler (src/onsend/): one classic script that Outlook loads in its event runtime
// (no modules there), beside the pane at /addin/onsend.js, with the HTML page that hosts it in
// Outlook on the web and new Outlook.
await build({
  ...common,
  // Classic Outlook's JavaScript-only runtime is older than the browsers the pane targets.
  target: ["es2017"],
  entryPoints: { onsend: "src/onsend/onsend.ts" },
  outdir: out,
  format: "iife",
});
await copyFile(join(here, "src", "onsend", "onsend.html"), join(out, "onsend.html"));
console.log(`onsend.js built into ${out}`);

// Development only: the /try/ page (src/try/), which hosts the real pane beside a sample inbox, and the
// office.js stand-in (src/office-standin/) it and the browser tests load in place of office.js. Into
// ../api/devroot/try/, outside wwwroot: the API serves that folder at /try/ only in Development.
const tryOut = join(here, "..", "api", "devroot", "try");
await rm(tryOut, { recursive: true, force: true });
await mkdir(tryOut, { recursive: true });
await build({
  ...common,
  entryPoints: { "office-standin": "src/office-standin/install.ts" },
  outdir: tryOut,
  // A classic script, as office.js is: the browser tests put their settings in front of it.
  format: "iife",
});
await build({
  ...common,
  entryPoints: { try: "src/try/try.ts" },
  outdir: tryOut,
  format: "esm",
});
for (const file of ["try.html", "try.css"]) {
  await copyFile(join(here, "src", "try", file), join(tryOut, file));
}
// The framed pane is the pane's own page with the stand-in in place of office.js; its files stay
// the ones in /addin/ (the base element), so the pane itself is built once, unchanged.
const OFFICE_JS = '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>';
const paneHtml = await readFile(join(out, "taskpane.html"), "utf8");
if (!paneHtml.includes(OFFICE_JS) || !paneHtml.includes("<head>")) throw new Error("taskpane.html no longer loads office.js as build.mjs expects");
await writeFile(
  join(tryOut, "pane.html"),
  paneHtml.replace("<head>", '<head>\n    <base href="/addin/" />').replace(OFFICE_JS, '<script src="/try/office-standin.js"></script>'),
);
console.log(`the /try/ page and the office.js stand-in: wrote ${tryOut}`);
