import { describe, expect, it } from "vitest";
import {
  MAX_BODY_JSON_BYTES,
  bodyTooLargeToSend,
  buildDraftRequest,
  choiceView,
  confirmSentView,
  emptySelections,
  evidenceRanges,
  findingExcerpts,
  highlightEvidence,
  kindLabel,
  kindOptions,
  mergeKnownFields,
  readsBodyById,
  safeWebLink,
  savedMessage,
  toViewModel,
  visibleText,
} from "../src/taskpane/state";
import { HTML_BODY, classifyResponse, confirmSentResponse, draftResponse, email, span } from "./fixtures";

const marked = (excerpts: ReturnType<typeof highlightEvidence>) =>
  excerpts.flatMap((x) => x.segments.filter((s) => s.mark).map((s) => s.text));

describe("evidence highlighting", () => {
  it("marks plain-text evidence by start/length in the body as sent", () => {
    const body = "Hi Sam,\n\nCould you reduce the price by 15% on the renewal?\n\nBest,\nPriya";
    const ev = span(body, "reduce", "15%");
    const out = highlightEvidence(body, [ev]);
    expect(marked(out)).toEqual(["reduce the price by 15%"]);
    const line = out[0]!.segments.map((s) => s.text).join("");
    expect(line).toBe("Could you reduce the price by 15% on the renewal?");
  });

  it("maps offsets into an HTML body (tags, entities) onto its visible text", () => {
    const ev = span(HTML_BODY, "reduce", "15%"); // raw slice contains </b>
    expect(ev.text).toContain("</b>");
    const out = highlightEvidence(HTML_BODY, [ev]);
    expect(marked(out)).toEqual(["reduce the price by 15%"]);
    const shown = out[0]!.segments.map((s) => s.text).join("");
    expect(shown).not.toMatch(/<|>/);
    expect(shown).toContain("we'll move"); // &#39; decoded
  });

  it("ignores style/head content and does not shift later offsets", () => {
    const { text, map } = visibleText(HTML_BODY);
    expect(text).not.toContain("color:red");
    expect(text.startsWith("Hi Sam,")).toBe(true);
    const i = text.indexOf("Priya");
    expect(HTML_BODY.slice(map[i]!, map[i]! + 5)).toBe("Priya");
  });

  it("merges overlapping and adjacent evidence and clamps spans past the end", () => {
    const body = "please lower the price now";
    expect(evidenceRanges(body, [
      { text: "", start: 7, length: 5 },
      { text: "", start: 10, length: 9 },
      { text: "", start: 23, length: 50 },
      { text: "", start: -1, length: 3 },
      { text: "", start: 99, length: 3 },
    ])).toEqual([[7, 19], [23, 26]]);
  });

  it("shows an ellipsis when the line is cut to the context window", () => {
    const body = "x".repeat(200) + " reduce the price " + "y".repeat(200);
    const out = highlightEvidence(body, [span(body, "reduce", "price")], 10);
    const text = out[0]!.segments.map((s) => s.text).join("");
    expect(text.startsWith("…")).toBe(true);
    expect(text.endsWith("…")).toBe(true);
    expect(text.length).toBeLessThan(50);
  });

  it("highlights subject evidence against the subject, not the body", () => {
    const e = email({ subject: "Discount request for 2027", body: "Hello" });
    const out = findingExcerpts(e, [{ text: "Discount", start: 0, length: 8, in: "subject" }]);
    expect(marked(out)).toEqual(["Discount"]);
  });

  it("returns no excerpt for evidence outside the body", () => {
    expect(highlightEvidence("short", [{ text: "x", start: 40, length: 3 }])).toEqual([]);
  });
});

describe("the draft request", () => {
  it("sends only the email when nothing was chosen or typed", () => {
    const req = buildDraftRequest(email(), emptySelections());
    expect(req).toEqual({
      email: {
        subject: "Renewal 2027",
        body: HTML_BODY,
        from: { name: "Priya Nair", email: "priya@northwind-foods.com" },
        itemId: "AAMk-item-1",
        conversationId: "conv-1",
      },
    });
  });

  it("sends when the customer wrote, so their 'by Friday' counts from that day", () => {
    const req = buildDraftRequest(email({ sentAt: "2026-11-10T08:30:00.000Z" }), emptySelections());
    expect(req.email.sentAt).toBe("2026-11-10T08:30:00.000Z");
  });

  it("includes fields only when typed (trimmed), and the category override and audience", () => {
    const req = buildDraftRequest(email(), {
      ...emptySelections(),
      category: "deadline",
      audience: "technical",
      fields: { currentMarginPercent: " 22 ", leadTimeDays: "   ", empty: "" },
    });
    expect(req.category).toBe("deadline");
    expect(req.audience).toBe("technical");
    expect(req.fields).toEqual({ currentMarginPercent: "22" });
  });

  it("sends the alternatives from the checklist once touched, even when none is checked", () => {
    expect(buildDraftRequest(email(), emptySelections()).alternatives).toBeUndefined();
    expect(buildDraftRequest(email(), { ...emptySelections(), alternatives: ["multi-year"] }).alternatives).toEqual(["multi-year"]);
    expect(buildDraftRequest(email(), { ...emptySelections(), alternatives: [] }).alternatives).toEqual([]);
  });

  it("sends the other asks ticked, never the kind being drafted, and nothing when none is ticked", () => {
    expect(buildDraftRequest(email(), emptySelections()).also).toBeUndefined();
    expect(buildDraftRequest(email(), { ...emptySelections(), also: [] }).also).toBeUndefined();
    expect(buildDraftRequest(email(), { ...emptySelections(), category: "discount", also: ["payment_terms", "discount"] }).also).toEqual(["payment_terms"]);
  });

  it("lists every other kind of ask unticked, with the reader's sentence for those it found, and ticks what the draft answers", () => {
    const read = classifyResponse({ secondary: [{ category: "deadline", confidence: 0.6, evidence: [{ text: "we need it by Friday", start: 0, length: 20 }] }] });
    const first = toViewModel({ email: email(), draft: draftResponse(), classify: read, selections: emptySelections() });
    expect(first.otherAsks.map((a) => a.value)).not.toContain(first.category);
    expect(first.otherAsks.every((a) => !a.checked)).toBe(true);
    expect(first.otherAsks.find((a) => a.value === "deadline")).toMatchObject({ label: "Earlier delivery or deadline", read: "we need it by Friday" });
    expect(first.otherAsks.find((a) => a.value === "scope")!.read).toBeNull();

    const answered = draftResponse({ also: [{ category: "payment_terms", label: "Longer payment terms", evidence: null }] });
    const after = toViewModel({ email: email(), draft: answered, classify: read, selections: emptySelections() });
    expect(after.otherAsks.filter((a) => a.checked).map((a) => a.value)).toEqual(["payment_terms"]);
    // Once the account manager ticks, their list decides.
    const ticked = toViewModel({ email: email(), draft: answered, classify: read, selections: { ...emptySelections(), also: ["deadline"] } });
    expect(ticked.otherAsks.filter((a) => a.checked).map((a) => a.value)).toEqual(["deadline"]);
  });

  it("lists what the reader first read as the ask among the other asks once the account manager picks another kind", () => {
    const read = classifyResponse({ primary: { category: "discount", confidence: 0.7, evidence: [{ text: "reduce the price by 15%", start: 0, length: 23 }] }, secondary: [] });
    const drafted = draftResponse({ category: "deadline", ask: { category: "deadline", confidence: 0.3, evidence: [] } });
    const m = toViewModel({ email: email(), draft: drafted, classify: read, selections: { ...emptySelections(), category: "deadline" } });
    expect(m.otherAsks.find((a) => a.value === "discount")).toMatchObject({ read: "reduce the price by 15%", checked: false });
    expect(m.otherAsks.map((a) => a.value)).not.toContain("deadline");
    // Drafted as the reader's own kind, that kind is not listed again.
    const own = toViewModel({ email: email(), draft: draftResponse(), classify: read, selections: emptySelections() });
    expect(own.otherAsks.map((a) => a.value)).not.toContain("discount");
  });

  it("does not list an alternative whose text is empty for this email: ticking it could offer nothing", () => {
    const drafted = draftResponse({
      alternatives: [
        { id: "multi-year", title: "A multi-year agreement", text: "", offered: false },
        { id: "smaller-scope", title: "A smaller package", text: "Fewer seats.", offered: true },
      ],
    });
    const m = toViewModel({ email: email(), draft: drafted, classify: classifyResponse(), selections: emptySelections() });
    expect(m.alternatives.map((a) => a.id)).toEqual(["smaller-scope"]);
  });

  it("sends 'they are right about' only when it has words, and drops absent ids", () => {
    const req = buildDraftRequest(email({ itemId: undefined, conversationId: undefined }), { ...emptySelections(), theyAreRightAbout: "  " });
    expect(req.theyAreRightAbout).toBeUndefined();
    expect("itemId" in req.email).toBe(false);
    const req2 = buildDraftRequest(email(), { ...emptySelections(), theyAreRightAbout: "the March delivery was late" });
    expect(req2.theyAreRightAbout).toBe("the March delivery was late");
  });
});

describe("the view model", () => {
  it("maps classify + draft to asks with confidence, evidence, pressure and audience", () => {
    const m = toViewModel({ email: email(), draft: draftResponse(), classify: classifyResponse(), selections: emptySelections() });
    expect(m.asks.map((a) => [a.category, a.confidence, a.primary])).toEqual([
      ["discount", 93, true],
      ["deadline", 61, false],
    ]);
    expect(marked(m.asks[0]!.excerpts)).toEqual(["reduce the price by 15%"]);
    expect(m.pressure).toMatchObject({ threat: true, abusive: false });
    expect(marked(m.pressure!.excerpts)).toEqual(["move to another supplier"]);
    expect(m.audience).toEqual({ selected: "finance", suggested: "finance", reason: "signed by the Head of Finance" });
    expect(m.inserts.map((i) => i.mode)).toEqual(["reply", "replyAll"]);
  });

  it("shows the checks as pass/fail in a fixed order and the data points with their source", () => {
    const m = toViewModel({ email: email(), draft: draftResponse(), selections: emptySelections() });
    expect(m.checks.map((c) => `${c.key}:${c.pass}`)).toEqual([
      "saysNo:true", "givesReason:true", "citesData:false", "offersAlternative:true", "respectful:true",
    ]);
    expect(m.dataPoints[0]).toEqual({ name: "requestedDiscount", label: "Requested discount", value: "15%", source: "from the email" });
    expect(m.checkNotes).toEqual(["No figure is cited."]);
  });

  it("a draft that owns our part and grants the remedy names its first check for that, not for a no", () => {
    const draft = draftResponse();
    const granted = toViewModel({ email: email(), draft: { ...draft, checks: { ...draft.checks, grants: true } }, selections: emptySelections() });
    expect(granted.checks[0]).toEqual({ key: "saysNo", label: "Grants the remedy plainly", pass: true });
    expect(granted.checks.map((c) => c.key)).not.toContain("grants");
    // No alternative is needed beside the remedy, so that check is not shown as if one were offered.
    expect(granted.checks.map((c) => c.key)).not.toContain("offersAlternative");
    expect(granted.checks.map((c) => c.key)).not.toContain("citesData");
    expect(toViewModel({ email: email(), draft, selections: emptySelections() }).checks[0]!.label).toBe("Says no");
  });

  it("checks offered alternatives until the checklist is touched, then follows it", () => {
    const draft = draftResponse();
    const before = toViewModel({ email: email(), draft, selections: emptySelections() });
    expect(before.alternatives.map((a) => a.checked)).toEqual([true, false]);
    const after = toViewModel({ email: email(), draft, selections: { ...emptySelections(), alternatives: ["smaller-scope"] } });
    expect(after.alternatives.map((a) => a.checked)).toEqual([false, true]);
  });

  it("keeps a typed field's input after the API no longer lists it as missing", () => {
    const known = mergeKnownFields(new Map(), draftResponse().missingFields);
    const m = toViewModel({
      email: email(),
      draft: draftResponse({ missingFields: [] }),
      selections: { ...emptySelections(), fields: { currentMarginPercent: "22" } },
      knownFields: known,
    });
    expect(m.fields).toEqual([{ name: "currentMarginPercent", label: "Current margin on this account (%)", unit: "percent", value: "22", missing: false }]);
  });

  it("uses the chosen audience and category over the suggestion, and compose mode inserts into the message", () => {
    const m = toViewModel({
      email: email({ mode: "compose" }),
      draft: draftResponse(),
      selections: { ...emptySelections(), audience: "technical", category: "scope" },
    });
    expect(m.audience.selected).toBe("technical");
    expect(m.audience.suggested).toBe("finance");
    expect(m.category).toBe("scope");
    expect(m.inserts).toEqual([{ mode: "compose", label: "Insert into message" }]);
    expect(m.pressure).not.toBeNull();
  });

  it("has no pressure banner without flags, and lists admin-added kinds in the picker", () => {
    const m = toViewModel({
      email: email(),
      draft: draftResponse({ flags: [], managerCopyAdvised: false, category: "warranty_extension", classification: classifyResponse({ flags: [], flagEvidence: [] }) }),
      selections: emptySelections(),
    });
    expect(m.pressure).toBeNull();
    expect(m.kinds.map((k) => k.value)).toContain("warranty_extension");
    expect(m.kinds.map((k) => k.value)).not.toContain("other");
    expect(kindLabel("warranty_extension")).toBe("Warranty extension");
    expect(kindOptions()).toHaveLength(6);
  });
});

describe("large emails: by id", () => {
  it("a body over 200,000 characters, or whose JSON is over the byte budget, is too large to send", () => {
    expect(bodyTooLargeToSend("a".repeat(200_000))).toBe(false);
    expect(bodyTooLargeToSend("a".repeat(200_001))).toBe(true);
    // 100,000 characters, but 300,000 UTF-8 bytes: over the 256 KB request limit.
    expect(bodyTooLargeToSend("€".repeat(100_000))).toBe(true);
    expect(bodyTooLargeToSend("€".repeat(Math.floor(MAX_BODY_JSON_BYTES / 3) - 2))).toBe(false);
  });

  it("with an item id: no body in the draft request; without one: the body (the pane refuses it first)", () => {
    const big = email({ body: "a".repeat(200_001) });
    expect(readsBodyById(big)).toBe(true);
    expect(buildDraftRequest(big, emptySelections()).email).toEqual({
      subject: "Renewal 2027",
      from: { name: "Priya Nair", email: "priya@northwind-foods.com" },
      itemId: "AAMk-item-1",
      conversationId: "conv-1",
    });
    const noId = email({ body: "a".repeat(200_001), itemId: undefined });
    expect(readsBodyById(noId)).toBe(false);
    expect(buildDraftRequest(noId, emptySelections()).email.body).toHaveLength(200_001);
  });

  it("an unsure reading becomes a choice: reason, both candidates with their evidence, and the other kinds", () => {
    const c = classifyResponse({
      unsure: {
        reason: "It may ask for discount or lower price, or for nothing to refuse.",
        candidates: [
          { category: "discount", confidence: 0.41, evidence: [span(HTML_BODY, "reduce", "15%")] },
          { category: "other", confidence: 0.59, evidence: [] },
        ],
      },
    });
    const v = choiceView(email(), c);
    expect(v.reason).toBe("It may ask for discount or lower price, or for nothing to refuse.");
    expect(v.candidates.map((x) => [x.label, x.confidence, x.nothing])).toEqual([["Discount or lower price", 41, false], ["Nothing to refuse", 59, true]]);
    expect(v.candidates[0]!.excerpts[0]!.segments.find((s) => s.mark)?.text).toBe("reduce the price by 15%");
    expect(v.kinds.map((k) => k.value)).toContain("deadline");
    // Read by id: body offsets index the server's copy, so nothing is highlighted from ours.
    expect(choiceView(email({ body: "x".repeat(200_001) }), c).candidates[0]!.excerpts).toEqual([]);
  });

  it("by id, only subject evidence is highlighted (body offsets index the server's copy)", () => {
    const big = email({ body: HTML_BODY + "x".repeat(200_001) });
    const model = toViewModel({ email: big, draft: draftResponse(), classify: classifyResponse(), selections: emptySelections() });
    expect(model.readFromMailbox).toBe(true);
    expect(model.asks[0]!.excerpts).toEqual([]);
    expect(model.pressure!.excerpts).toEqual([]);
  });

  it("Save to Drafts is for received messages with an id", () => {
    const vm = (e: ReturnType<typeof email>) => toViewModel({ email: e, draft: draftResponse(), selections: emptySelections() });
    expect(vm(email()).canSaveToDrafts).toBe(true);
    expect(vm(email({ itemId: undefined })).canSaveToDrafts).toBe(false);
    expect(vm(email({ mode: "compose" })).canSaveToDrafts).toBe(false);
    expect(vm(email()).managerCopyAdvised).toBe(true);
  });
});

describe("save and confirm words", () => {
  it("names the Cc the server put on the draft", () => {
    expect(savedMessage({ cc: [{ name: "Dana Boss", email: "dana@contoso.com" }] })).toBe("Saved to your Drafts folder (Cc: Dana Boss <dana@contoso.com>).");
    expect(savedMessage({ cc: [{ email: "a@x.com" }, { name: "B", email: "b@x.com" }] })).toBe("Saved to your Drafts folder (Cc: a@x.com, B <b@x.com>).");
    expect(savedMessage({ cc: [] })).toBe("Saved to your Drafts folder.");
  });

  it("opens only https links", () => {
    expect(safeWebLink("https://outlook.office.com/mail/x")).toBe("https://outlook.office.com/mail/x");
    expect(safeWebLink("javascript:alert(1)")).toBeNull();
    expect(safeWebLink("http://outlook.office.com/")).toBeNull();
    expect(safeWebLink("not a url")).toBeNull();
    expect(safeWebLink(null)).toBeNull();
  });

  it("confirm-sent: the checks in the fixed order, edited or not, the reasons; or already recorded", () => {
    const view = confirmSentView(confirmSentResponse());
    expect(view.checks.map((c) => [c.key, c.pass])).toEqual([
      ["saysNo", true], ["givesReason", true], ["citesData", true], ["offersAlternative", false], ["respectful", true],
    ]);
    expect(view.unchanged).toBe(false);
    expect(view.reasons).toEqual(["The reply no longer offers an alternative."]);
    const already = confirmSentView(confirmSentResponse({ alreadyRecorded: true, event: null }));
    expect(already.text).toMatch(/already in the log/);
    expect(already.checks).toEqual([]);
    expect(confirmSentView(confirmSentResponse({ sentAt: "garbage" })).text).toContain("sent on garbage");
  });
});
