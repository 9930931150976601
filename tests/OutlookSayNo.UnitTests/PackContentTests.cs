using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>What each business pack's drafts say, for every refusable kind and audience, on a few of each
/// kind's own examples, with the pack's default alternatives, with every alternative it lists and with none: a good
/// "no" (the draft checks pass), in the trade's own words (a software customer is not told about freight,
/// a goods customer not about uptime), citing only the pack's facts.</summary>
public sealed partial class PackContentTests
{
    private const int ExamplesPerKind = 6;
    private static readonly DateOnly Today = new(2026, 11, 16);
    private static readonly ClaimsPrincipal User = new(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));
    private static readonly Classifier Reader = new(TimeProvider.System);
    private static readonly EmailAddress Customer = new("Jordan Lee", "jordan.lee@northwind-traders.com");

    /// <summary>Words of the goods trade: a software or services draft never uses them unless the customer did.</summary>
    private static readonly Regex[] GoodsWords = Words(
        "production", "factory", "factories", "plants?", "freight", "shipping", "shipments?", "lead times?", "warehouses?",
        "materials", "expedite[sd]?", "expediting", "warrant(?:y|ies)", "restocking");

    /// <summary>Words of the software trade: a goods or services draft never uses them unless the customer did.</summary>
    private static readonly Regex[] SoftwareWords = Words(
        "releases?", "released", "uptime", "SLAs?", "service levels?", "seats?", "subscriptions?", "trials?", "data retention", "regression");

    public static TheoryData<string> Packs()
    {
        var data = new TheoryData<string>();
        foreach (var id in TemplateFixture.Catalog.Packs.Keys.Order(StringComparer.Ordinal)) data.Add(id);
        return data;
    }

    [Fact]
    public void The_shipped_catalog_has_the_three_packs_and_uses_goods_for_everyone()
    {
        Assert.Equal(["goods", "services", "software"], TemplateFixture.Catalog.Packs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("goods", TemplateFixture.Catalog.Setup!.Pack);
        Assert.Empty(TemplateFixture.Catalog.Setup.Domains);
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void Every_pack_lists_every_refusable_kind_and_offers_its_alternatives(string pack)
    {
        var view = TemplateFixture.Catalog.ForPack(pack);
        foreach (var kind in view.Kinds.Values.Where(k => k.Definition.Refusable))
        {
            Assert.True(view.Pack!.Alternatives.TryGetValue(kind.Id, out var listed), $"{pack} does not list {kind.Id}");
            // Nothing it lists is dropped for a missing fact: a pack lists what its trade can offer.
            Assert.Equal(listed.Offer, kind.Definition.Alternatives.Where(a => a.Default).Select(a => a.Id));
            Assert.Equal(listed.Offer.Concat(listed.Also), kind.Definition.Alternatives.Select(a => a.Id));
            Assert.NotEmpty(listed.Offer);
        }
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void Every_draft_of_the_pack_renders_and_says_no_well(string pack)
    {
        var problems = new List<string>();
        foreach (var d in Drafts(TemplateFixture.Catalog, pack))
        {
            if (d.Error is not null) { problems.Add($"{d.Where}: {d.Error}"); continue; }
            var c = d.Composed!.Check.Checks;
            var failed = new[] { ("saysNo", c.SaysNo), ("givesReason", c.GivesReason), ("citesData", c.CitesData), ("offersAlternative", c.OffersAlternative), ("respectful", c.Respectful) }
                .Where(x => !x.Item2).Select(x => x.Item1).ToList();
            if (failed.Count > 0) problems.Add($"{d.Where}: {string.Join(", ", failed)} ({string.Join(" ", d.Composed.Check.Notes)})\n{d.Composed.Text}");
            // Each other ask named gets its own sentence, in the order the draft lists them.
            var also = d.Composed.Also ?? [];
            var answers = d.Composed.Text.Split('\n').Where(l => l.StartsWith("On ", StringComparison.Ordinal)).ToList();
            if (answers.Count != also.Count) problems.Add($"{d.Where}: {also.Count} other asks, {answers.Count} sentences answering them\n{d.Composed.Text}");
        }
        Assert.True(problems.Count == 0, string.Join("\n\n", problems.Take(10)));
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void Every_draft_of_the_pack_speaks_its_own_trade(string pack)
    {
        var foreign = pack switch
        {
            "software" => GoodsWords,
            "goods" => SoftwareWords,
            _ => [.. GoodsWords, .. SoftwareWords],
        };
        var problems = new List<string>();
        foreach (var d in Drafts(TemplateFixture.Catalog, pack).Where(d => d.Composed is not null))
        {
            // A word the customer wrote is theirs to read back, in any trade.
            var theirs = d.Email.Subject + "\n" + d.Email.Body;
            var found = foreign.Select(w => w.Match(d.Composed!.Text)).Where(m => m.Success && !Regex.IsMatch(theirs, $@"\b{Regex.Escape(m.Value)}\b", RegexOptions.IgnoreCase))
                .Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (found.Count > 0) problems.Add($"{d.Where}: \"{string.Join("\", \"", found)}\"\n{d.Composed!.Text}");
        }
        Assert.True(problems.Count == 0, string.Join("\n\n", problems.Take(10)));
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void Every_fact_a_draft_cites_belongs_to_the_pack(string pack)
    {
        // Facts share values in the shipped file ("30 days" is both the payment terms and the return window), so
        // each fact gets a value of its own here: a figure found in a draft then names exactly one fact.
        var (catalog, values) = DistinctFacts.Value;
        var own = catalog.Packs[pack].Facts;
        var problems = new List<string>();
        var cited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in Drafts(catalog, pack))
        {
            if (d.Composed is null) { problems.Add($"{d.Where}: {d.Error}"); continue; }
            foreach (var (fact, pattern) in values)
            {
                if (!pattern.IsMatch(d.Composed.Text) || pattern.IsMatch(d.Email.Body ?? "")) continue;
                cited.Add(fact);
                if (!own.Contains(fact)) problems.Add($"{d.Where}: cites {fact}, which the {pack} pack does not have\n{d.Composed.Text}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n\n", problems.Distinct().Take(10)));
        // The check can only fail if drafts cite facts at all.
        Assert.True(cited.Count >= 8, $"only {cited.Count} facts cited: {string.Join(", ", cited)}");
    }

    /// <summary>Words that claim to know the customer's situation ("I understand budgets are under pressure").</summary>
    private static readonly Regex ClaimsToKnowThem = new(@"\bI (?:understand|know|can see|appreciate)\b[^.!?]*", RegexOptions.CultureInvariant);

    [Theory]
    [MemberData(nameof(Packs))]
    public void A_draft_claims_no_knowledge_of_the_customer_s_situation_they_did_not_give(string pack)
    {
        // Never say what nobody knows: with no reason in the email, the opening thanks them for what they
        // asked and stops; it does not supply a budget squeeze or a deadline they never mentioned. The
        // pressure paragraph ("I understand the frustration") answers a threat or insult the email made.
        var problems = new List<string>();
        var checkedDrafts = 0;
        foreach (var d in Drafts(TemplateFixture.Catalog, pack).Where(d => d.Composed is { Reading.ReasonTheirs: null }))
        {
            if (d.Composed!.Text.Contains("I understand the frustration", StringComparison.Ordinal)) continue;
            checkedDrafts++;
            var m = ClaimsToKnowThem.Match(d.Composed.Text);
            if (m.Success) problems.Add($"{d.Where}: \"{m.Value}\"");
        }
        Assert.True(checkedDrafts >= 50, $"only {checkedDrafts} drafts without a reason");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(10)));
    }

    /// <summary>Words that answer a request: wrong when the customer announced rather than asked.</summary>
    private static readonly Regex AnswersARequest = new(@"\b(?:you asked|you requested|your request|for asking|message about|telling me about the problem)\b[^.!?]*",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    [Theory]
    [MemberData(nameof(Packs))]
    public void A_notice_of_new_terms_is_answered_as_an_imposition_in_every_kind_and_audience(string pack)
    {
        // "With effect from 1 March we will pay at 90 days" is not a request: no draft thanks them for asking,
        // refuses what "you asked", or opens with the kind's reply to a question.
        var view = TemplateFixture.Catalog.ForPack(pack);
        var problems = new List<string>();
        foreach (var kind in view.Kinds.Values.Where(k => k.Definition.Refusable))
        foreach (var body in (string[])["From 1 March we will apply the change set out below to every order with you.", kind.Definition.Examples[0]])
        {
            var email = new DraftEmail(kind.Definition.Title, body, Customer, null, null);
            var classification = Reader.Classify(view, email.Subject, email.Body!);
            foreach (var audience in Audiences.All)
            {
                var offered = kind.Definition.DefaultOffered(brief: false, Stances.Imposed);
                var composed = Composer.Compose(view, new ComposeInput(kind, audience, email, classification, new Dictionary<string, string?>(), offered, null, User,
                    Stance: Stances.Imposed), Today, new Dictionary<string, string[]>(), CancellationToken.None)!;
                var m = AnswersARequest.Match(composed.Text);
                if (m.Success) problems.Add($"{pack} {kind.Id}/{audience} on \"{body}\": \"{m.Value}\"");
                if (!composed.Text.Contains("agree", StringComparison.Ordinal)) problems.Add($"{pack} {kind.Id}/{audience}: proposes no terms to agree");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(12)));
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void A_claim_or_a_failure_they_report_is_noted_not_conceded(string pack)
    {
        // Their account of a fault is theirs until the cause is established: the draft notes it; it does not say
        // "I understand that the unit was faulty" or thank them for "being open" as if they had confessed a budget cut.
        var view = TemplateFixture.Catalog.ForPack(pack);
        var problems = new List<string>();
        var kind = view.Find("liability")!;
        var email = new DraftEmail(kind.Definition.Title, kind.Definition.Examples[0], Customer, null, null);
        var classification = Reader.Classify(view, email.Subject, email.Body!);
        foreach (var stance in (string[])[Stances.Refuse, Stances.OwnPart])
        foreach (var audience in Audiences.All)
        {
            var composed = Composer.Compose(view, new ComposeInput(kind, audience, email, classification, new Dictionary<string, string?>(),
                kind.Definition.DefaultOffered(brief: false), null, User, Reason: "the unit failed because of a manufacturing defect", Stance: stance),
                Today, new Dictionary<string, string[]>(), CancellationToken.None)!;
            Assert.Contains("manufacturing defect", composed.Text);
            foreach (var conceding in (string[])["I understand that the unit", "Thank you for explaining that the unit", "being open about it"])
                if (composed.Text.Contains(conceding, StringComparison.Ordinal)) problems.Add($"{pack} {stance}/{audience}: \"{conceding}\"");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void A_late_order_we_own_is_not_refused_with_our_lead_time_or_priced_to_catch_up(string pack)
    {
        // "Order 5521 was due on 10 November and has not arrived": telling them our lead time protects quality,
        // or quoting them the cost of bringing it forward, refuses them for our own failure.
        var view = TemplateFixture.Catalog.ForPack(pack);
        var kind = view.Find("deadline")!;
        var email = new DraftEmail("Order 5521", "Hi Sam,\n\nOrder 5521 was due on 10 November and has still not arrived. We now need the full order by 20 December.\n\nRegards,\nNadia", Customer, null, null);
        var classification = Reader.Classify(view, email.Subject, email.Body!);
        var problems = new List<string>();
        foreach (var audience in Audiences.All)
        {
            var offered = kind.Definition.DefaultOffered(brief: false, Stances.OwnPart);
            var composed = Composer.Compose(view, new ComposeInput(kind, audience, email, classification, new Dictionary<string, string?>(), offered, null, User,
                Stance: Stances.OwnPart), Today, new Dictionary<string, string[]>(), CancellationToken.None)!;
            foreach (var wrong in (string[])["lead time", "comes to", "regression testing", "can't bring", "won't be able to"])
                if (composed.Text.Contains(wrong, StringComparison.OrdinalIgnoreCase)) problems.Add($"{pack} {audience}: \"{wrong}\"\n{composed.Text}");
            if (!offered.Contains("phased-delivery") && !offered.Contains("earliest-date")) problems.Add($"{pack} {audience}: offers {string.Join(", ", offered)}");
        }
        Assert.True(problems.Count == 0, string.Join("\n\n", problems.Take(4)));
    }

    private sealed record Draft(string Where, DraftEmail Email, Composed? Composed, string? Error);

    private static readonly Dictionary<(KindCatalog, string), List<Draft>> Cache = [];

    /// <summary>Every refusable kind x audience, on a few of the kind's examples spread over its list, with the
    /// pack's default alternatives, with all it lists and with none.</summary>
    private static List<Draft> Drafts(KindCatalog catalog, string pack)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue((catalog, pack), out var cached)) return cached;
            var view = catalog.ForPack(pack);
            var drafts = new List<Draft>();
            foreach (var kind in view.Kinds.Values.Where(k => k.Definition.Refusable).OrderBy(k => k.Id, StringComparer.Ordinal))
            {
                var examples = kind.Definition.Examples;
                var chosen = Enumerable.Range(0, ExamplesPerKind).Select(i => i * examples.Count / ExamplesPerKind).Distinct().ToList();
                foreach (var i in chosen)
                {
                    var email = new DraftEmail(kind.Definition.Title, examples[i], Customer, null, null);
                    var classification = Reader.Classify(view, email.Subject, email.Body!);
                    var others = view.Kinds.Values.Where(k => k.Definition.Refusable && k != kind).Select(k => k.Definition.Id).ToList();
                    var variants = new[]
                    {
                        ("defaults", kind.Definition.Alternatives.Where(a => a.Default).Select(a => a.Id).ToList(), new List<string>()),
                        ("all", kind.Definition.Alternatives.Select(a => a.Id).ToList(), new List<string>()),
                        // No alternative chosen: the reason alone must still carry a figure.
                        ("no", new List<string>(), new List<string>()),
                        // Every other ask answered too: each sentence speaks this pack's trade and cites its facts only.
                        ("defaults, every other ask", kind.Definition.Alternatives.Where(a => a.Default).Select(a => a.Id).ToList(), others),
                    };
                    foreach (var (variant, offered, also) in variants)
                    foreach (var audience in Audiences.All)
                    {
                        var where = $"{pack} {kind.Id}/{audience} ({variant} alternatives) on example {i} \"{examples[i]}\"";
                        try
                        {
                            var errors = new Dictionary<string, string[]>();
                            var composed = Composer.Compose(view, new ComposeInput(kind, audience, email, classification, new Dictionary<string, string?>(), offered, null, User,
                                Also: also), Today, errors, CancellationToken.None);
                            drafts.Add(new Draft(where, email, composed, composed is null ? string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) : null));
                        }
                        catch (TemplateRenderException ex)
                        {
                            drafts.Add(new Draft(where, email, null, $"{ex.Template} {ex.Line}:{ex.Column} {ex.Reason}"));
                        }
                    }
                }
            }
            Cache[(catalog, pack)] = drafts;
            return drafts;
        }
    }

    private static readonly Lazy<(KindCatalog Catalog, List<(string Fact, Regex Pattern)> Values)> DistinctFacts = new(() =>
    {
        var documents = new Dictionary<string, CatalogDocument>(TemplateFixture.Catalog.Documents, StringComparer.Ordinal);
        var facts = JsonNode.Parse(documents[CatalogDocuments.Facts].Content!)!;
        var i = 0;
        foreach (var f in facts["facts"]!.AsArray())
            if (f!["value"] is not null) f["value"] = 700 + 13 * i++;
        documents[CatalogDocuments.Facts] = documents[CatalogDocuments.Facts] with { Content = facts.ToJsonString() };
        var catalog = KindCatalog.Build(documents);
        var values = catalog.Facts.Values.Where(f => f.Value is not null)
            .Select(f => (f.Name, Text: DataPoints.Format(f.Unit, f.Value!.Value, f.Currency ?? catalog.Currency, default)))
            .ToList();
        Assert.Equal(values.Count, values.Select(v => v.Text).Distinct(StringComparer.Ordinal).Count());
        // A value counts where it stands alone: "$713" is not part of "$7,130", "713%" not of "0.713%".
        return (catalog, values.Select(v => (v.Name, new Regex($@"(?<![\d.,]){Regex.Escape(v.Text)}(?![\d%]|[.,]\d)", RegexOptions.CultureInvariant))).ToList());
    });

    private static Regex[] Words(params string[] words) =>
        words.Select(w => new Regex($@"\b{w}\b", w.Any(char.IsUpper) ? RegexOptions.CultureInvariant : RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToArray();
}
