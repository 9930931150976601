// The add-in's TypeScript types against the API's OpenAPI document. The API suite keeps a copy of the
// served document (tests/golden/openapi/swagger.json, OpenApiGoldenTests; UPDATE_GOLDEN=1 rewrites it),
// and this test reads the types files with the TypeScript compiler: every property a type names must be
// a property of the schema it stands for, so a renamed or dropped API field fails here. Types with no
// schema (shapes the pages make themselves, or log payloads kept as JSON text) are listed with why.
// Checked, not generated: the hand-written types narrow what the document leaves open (string unions for
// kinds, audiences, check names), and the pages read only part of each answer.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const document = JSON.parse(readFileSync(join(root, "..", "tests", "golden", "openapi", "swagger.json"), "utf8")) as {
  components: { schemas: Record<string, Schema> };
};

interface Schema {
  properties?: Record<string, unknown>;
  allOf?: { $ref?: string; properties?: Record<string, unknown> }[];
  $ref?: string;
  additionalProperties?: unknown;
}

/** Per types file: TypeScript interface → schema name, where the names differ; several: a type the page uses both
 * to send and to read (each property must be in one of them); null: not in the document (why in the comment). */
const TYPES: Record<string, Record<string, string | string[] | null>> = {
  "src/shared/types.ts": {},
  "src/taskpane/types.ts": {
    Figure: "FigureDto",
    Stance: "StanceDto",
    AlsoAsk: "AlsoAskDto",
    DataPoint: "DataPointDto",
    MissingField: "MissingFieldDto",
    Alternative: "AlternativeDto",
    ReadingSpan: "ReadSpan",
    ReadingFigure: "ReadFigureDto",
    Reading: "ReadingDto",
    Checks: "ChecksDto",
  },
  "src/admin/types.ts": {
    UserRef: "UserDto",
    DocumentVersion: "DocumentDto",
    TemplateDocument: "DocumentDto",
    HistoryEntry: "DocumentDto",
    Problem: "TemplateProblem",
    DocRef: "DocumentRef",
    KindTemplateRef: "TemplateSummary",
    Catalog: "CatalogResponse",
    Change: "ChangeDto",
    // Sent as the preview's email (DraftEmail, with the sender), read back as PreviewEmailDto.
    PreviewEmail: ["DraftEmail", "PreviewEmailDto"],
    AudiencePreview: "PreviewDto",
    Fact: "FactDto",
    FactsDocument: ["FactsResponse", "FactsRequest"],
    TemplateConflict: "ConflictDto",
    NewKindRequest: "CreateKindRequest",
    ImportResult: "ImportResponse",
  },
  "src/compliance/types.ts": {
    DataPoint: "DataPointDto",
    LogRecord: "LogRecordDto",
    Revision: "RevisionDto",
    // Log payloads: the API serves them as JSON text inside LogRecordDto, so the document has no schema for them.
    GeneratedPayload: null,
    SentPayload: null,
    TemplateChangePayload: null,
    DiffSpan: null,
    KindRef: "KindSummary",
  },
};

/** Members the document cannot describe, by type, with why. */
const NOT_IN_DOCUMENT: Record<string, string[]> = {
  // Problem details extension members the API adds (errors of a validation problem, template problems, the
  // current version of a 412, the reading of a refused draft, the stance of a "consider a yes"); Swashbuckle
  // describes only the standard five.
  ProblemDetails: ["errors", "problems", "currentVersion", "classification", "stance"],
  // An old name of shareSentUnchanged that the dashboard still falls back to; the API never sends it.
  Dashboard: ["sharedSentUnchanged"],
};

function schemaProperties(name: string, seen = new Set<string>()): Set<string> | null {
  const schema = document.components.schemas[name];
  if (!schema || seen.has(name)) return null;
  seen.add(name);
  const names = new Set(Object.keys(schema.properties ?? {}));
  for (const part of schema.allOf ?? []) {
    for (const p of Object.keys(part.properties ?? {})) names.add(p);
    const ref = part.$ref?.split("/").pop();
    if (ref) for (const p of schemaProperties(ref, seen) ?? []) names.add(p);
  }
  return names;
}

/** The interfaces of a file with their property names, including those of interfaces they extend in the same file. */
function interfaces(file: string): Map<string, Set<string>> {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), ts.ScriptTarget.ES2022, true);
  const own = new Map<string, { props: string[]; bases: string[] }>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const props = node.members.filter(ts.isPropertySignature).map((m) => m.name.getText(source).replace(/^["']|["']$/g, ""));
    const bases = (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(source)));
    own.set(node.name.text, { props, bases });
  });
  const all = (name: string): Set<string> => {
    const entry = own.get(name);
    if (!entry) return new Set();
    return new Set([...entry.props, ...entry.bases.flatMap((b) => [...all(b)])]);
  };
  return new Map([...own.keys()].map((name) => [name, all(name)]));
}

describe("the TypeScript types match the OpenAPI document", () => {
  for (const [file, names] of Object.entries(TYPES)) {
    it(`${file}: every type's properties are properties of its schema`, () => {
      const problems: string[] = [];
      for (const [name, props] of interfaces(file)) {
        const mapped = name in names ? names[name] : name;
        if (mapped === null || mapped === undefined) continue;
        const schemaNames = Array.isArray(mapped) ? mapped : [mapped];
        const schemas = schemaNames.map((n) => schemaProperties(n));
        const missing = schemaNames.filter((_, i) => !schemas[i]);
        if (missing.length > 0) {
          problems.push(`${name}: no schema ${missing.join(", ")} in the document (map it in TYPES, or mark it null with why)`);
          continue;
        }
        const known = new Set([...schemas.flatMap((s) => [...s!]), ...(NOT_IN_DOCUMENT[name] ?? [])]);
        for (const p of props) if (!known.has(p)) problems.push(`${name}.${p}: not in ${schemaNames.join(" or ")} (${[...known].join(", ")})`);
      }
      if (problems.length > 0) throw new Error(`Types that do not match the OpenAPI document:\n${problems.join("\n")}`);
    });
  }

  it("the golden copy is the API's document", () => {
    expect(Object.keys(document.components.schemas).length).toBeGreaterThan(30);
    expect(schemaProperties("DraftResponse")).toContain("audience");
  });
});
