using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>Business packs: which pack a customer gets, what the catalog looks like through it, and what
/// the catalog refuses. The packs here are written by the test, so the shipped content can change.</summary>
public sealed class PackRulesTests
{
    private static Dictionary<string, CatalogDocument> Documents(string setup, params (string Id, string Json)[] packs)
    {
        var docs = CatalogDocuments.ReadFolder(TemplateFixture.Folder);
        foreach (var path in docs.Keys.Where(p => CatalogDocuments.PackOf(p) is not null).ToList()) docs.Remove(path);
        docs[CatalogDocuments.Setup] = new CatalogDocument(CatalogDocuments.Setup, 1, setup);
        foreach (var (id, json) in packs) docs[$"packs/{id}.json"] = new CatalogDocument($"packs/{id}.json", 1, json);
        return docs;
    }

    private const string Goods = """
        { "title": "Goods", "facts": ["standardLeadTimeDays", "multiYearDiscountPercent", "priceLockMonths", "volumeTierThreshold", "volumeTierDiscountPercent", "upfrontPaymentDiscountPercent"],
          "alternatives": { "discount": { "offer": ["volume-tier", "multi-year"], "also": ["upfront-payment"] } } }
        """;
    private const string Software = """
        { "title": "Software", "facts": ["upfrontPaymentDiscountPercent", "trialDays"] }
        """;
    private const string Setup = """{ "pack": "goods", "domains": { "acme.example": "software", "eu.acme.example": "goods" } }""";

    private static readonly Lazy<KindCatalog> Built = new(() => KindCatalog.Build(Documents(Setup, ("goods", Goods), ("software", Software))));
    private static KindCatalog Catalog() => Built.Value;

    [Theory]
    [InlineData("dana@acme.example", "software")]
    [InlineData("dana@ACME.Example", "software")]
    [InlineData("dana@shop.acme.example", "software")]
    [InlineData("dana@eu.acme.example", "goods")]
    [InlineData("dana@deep.eu.acme.example", "goods")]
    [InlineData("dana@notacme.example", "goods")]
    [InlineData("dana@example", "goods")]
    [InlineData("no address", "goods")]
    [InlineData(null, "goods")]
    public void A_customer_gets_the_pack_of_their_domain_or_a_parent_domain_else_the_business_pack(string? email, string pack)
    {
        var setup = new SetupFile { Pack = "goods", Domains = { ["acme.example"] = "software", ["eu.acme.example"] = "goods" } };
        Assert.Equal(pack, PackRules.For(setup, email));
        Assert.Equal(pack, Catalog().ForEmail(email).Pack!.Id);
    }

    [Fact]
    public void Through_a_pack_only_its_facts_with_a_value_are_there()
    {
        var software = Catalog().ForPack("software");
        Assert.Equal(["trialDays", "upfrontPaymentDiscountPercent"], software.Facts.Keys.Order(StringComparer.Ordinal));
        Assert.Same(software, software.ForEmail("dana@other.example"));
        Assert.Same(software, software.ForPack("software"));
        Assert.Same(software, Catalog().ForPack("software"));

        // A fact the business does not have (no value) is not there either.
        var docs = Documents(Setup, ("goods", Goods), ("software", Software));
        var facts = System.Text.Json.Nodes.JsonNode.Parse(docs["facts.json"].Content!)!;
        facts["facts"]!.AsArray().Single(f => (string?)f!["name"] == "trialDays")!["value"] = null;
        docs["facts.json"] = docs["facts.json"] with { Content = facts.ToJsonString() };
        Assert.Equal(["upfrontPaymentDiscountPercent"], KindCatalog.Build(docs).ForPack("software").Facts.Keys);
    }

    [Fact]
    public void A_pack_offers_its_alternatives_in_its_order_and_a_kind_it_does_not_list_keeps_those_whose_facts_it_has()
    {
        var goods = Catalog().ForPack("goods").Find("discount")!;
        Assert.Equal(["volume-tier", "multi-year", "upfront-payment"], goods.Definition.Alternatives.Select(a => a.Id));
        Assert.Equal([true, true, false], goods.Definition.Alternatives.Select(a => a.Default));
        Assert.Equal(goods.Definition.Alternatives.Select(a => a.Id).Order(), goods.AlternativeTexts.Keys.Order());

        // Software lists no discount alternatives: those citing facts it lacks (price lock, volume tier, handover) go.
        var software = Catalog().ForPack("software").Find("discount")!;
        Assert.Contains("upfront-payment", software.AlternativeTexts.Keys);
        Assert.DoesNotContain("multi-year", software.AlternativeTexts.Keys);
        Assert.DoesNotContain("volume-tier", software.AlternativeTexts.Keys);
        Assert.All(software.Definition.Alternatives, a => Assert.All(PackRules.FactsIn(a.Text), f => Assert.Contains(f, Catalog().ForPack("software").Facts.Keys)));

        // The catalog as a whole is untouched.
        Assert.Contains("multi-year", Catalog().Find("discount")!.AlternativeTexts.Keys);
    }

    [Theory]
    [InlineData("""{ "title": "Goods", "facts": ["noSuchFact"] }""", Setup, "packs/goods.json", "'noSuchFact' is not a fact")]
    [InlineData("""{ "title": "Goods", "facts": [], "alternatives": { "discount": { "offer": ["multi-year"] } } }""", Setup, "packs/goods.json", "cites the fact 'multiYearDiscountPercent', which this pack does not have")]
    [InlineData("""{ "title": "Goods", "facts": [], "alternatives": { "discount": { "offer": ["haggle"] } } }""", Setup, "packs/goods.json", "'haggle' is not an alternative")]
    [InlineData("""{ "title": "Goods", "facts": [], "alternatives": { "discount": { "offer": ["smaller-scope"], "also": ["smaller-scope"] } } }""", Setup, "packs/goods.json", "listed twice")]
    [InlineData("""{ "title": "Goods", "facts": [] }""", """{ "pack": "retail" }""", "setup.json", "'retail' is not a pack")]
    [InlineData("""{ "title": "Goods", "facts": [] }""", """{ "pack": "goods", "domains": { "@acme.example": "goods" } }""", "setup.json", "is not an email domain")]
    [InlineData("""{ "title": "Goods", "facts": [] }""", """{ "pack": "goods", "domains": { "acme.example": "retail" } }""", "setup.json", "'retail' is not a pack")]
    [InlineData("""{ "title": "Goods", "facts": [], "colour": "blue" }""", Setup, "packs/goods.json", "colour")]
    public void A_broken_pack_or_setup_is_refused_naming_the_file(string pack, string setup, string path, string message)
    {
        var (catalog, problems) = KindCatalog.TryBuild(Documents(setup, ("goods", pack), ("software", Software)));
        Assert.Null(catalog);
        Assert.Contains(problems, p => p.Path == path && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Packs_without_a_setup_are_refused_and_a_catalog_without_packs_has_every_fact()
    {
        var docs = Documents(Setup, ("goods", Goods));
        docs.Remove(CatalogDocuments.Setup);
        Assert.Contains(KindCatalog.TryBuild(docs).Problems, p => p.Path == CatalogDocuments.Setup);

        docs.Remove("packs/goods.json");
        var plain = KindCatalog.Build(docs);
        Assert.Null(plain.Setup);
        Assert.Same(plain, plain.ForEmail("dana@acme.example"));
        Assert.Contains("standardLeadTimeDays", plain.Facts.Keys);
    }

    [Fact]
    public void A_fact_some_pack_lacks_may_only_be_used_inside_an_if_on_it()
    {
        var catalog = Catalog();
        var scope = TemplateScope.ForKind(catalog, catalog.Find("discount")!);
        Assert.Contains("standardLeadTimeDays", scope.OptionalFacts);
        Assert.DoesNotContain("upfrontPaymentDiscountPercent", scope.OptionalFacts);

        IReadOnlyList<TemplateIssue> Check(string source) => TemplateAnalysis.Check(TemplateFixture.Parse(source), scope);
        var bare = Check("Our lead time is {{ facts.standardLeadTimeDays.value }}.");
        Assert.Contains(bare, i => i.Message.Contains("if facts.standardLeadTimeDays", StringComparison.Ordinal) && i.Line == 1);
        Assert.Empty(Check("{{ if facts.standardLeadTimeDays }}Our lead time is {{ facts.standardLeadTimeDays.value }}.{{ end }}"));
        Assert.Empty(Check("{{ if data.contractValue && facts.standardLeadTimeDays }}{{ facts.standardLeadTimeDays.value }}{{ end }}"));
        Assert.Empty(Check("{{ facts.standardLeadTimeDays ? facts.standardLeadTimeDays.value : 'soon' }}"));
        Assert.Empty(Check("Pay up front and save {{ facts.upfrontPaymentDiscountPercent.value }}."));
        // The else branch is where the fact is missing; an "or" does not promise it either.
        Assert.NotEmpty(Check("{{ if facts.standardLeadTimeDays }}x{{ else }}{{ facts.standardLeadTimeDays.value }}{{ end }}"));
        Assert.NotEmpty(Check("{{ if facts.standardLeadTimeDays || data.contractValue }}{{ facts.standardLeadTimeDays.value }}{{ end }}"));
    }
}
