using System.Text.Json.Nodes;
using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>Alternatives written for a stance: a reply to terms imposed on us proposes terms of its own
/// (kind.json's <c>stances</c>), and a plain refusal keeps the kind's usual defaults.</summary>
public sealed class StanceAlternativesTests
{
    private static KindDefinition Kind(params AlternativeDefinition[] alternatives) =>
        new() { Id = "k", Title = "K", Alternatives = [.. alternatives] };

    private static AlternativeDefinition Alt(string id, bool isDefault = false, params string[] stances) =>
        new() { Id = id, Title = id, Text = id, Default = isDefault, Stances = [.. stances] };

    [Fact]
    public void An_imposed_stance_offers_the_alternatives_written_for_it_and_a_refusal_the_usual_defaults()
    {
        var kind = Kind(Alt("lock", true, "imposed"), Alt("upfront", true), Alt("meet", false, "imposed"), Alt("handover"));

        Assert.Equal(["lock", "upfront"], kind.DefaultOffered(brief: false, Stances.Refuse));
        Assert.Equal(["lock", "upfront"], kind.DefaultOffered(brief: false));
        Assert.Equal(["lock", "meet"], kind.DefaultOffered(brief: false, Stances.Imposed));
        Assert.Equal(["lock"], kind.DefaultOffered(brief: true, Stances.Imposed));
        // A stance no alternative is written for keeps the usual defaults.
        Assert.Equal(["lock", "upfront"], kind.DefaultOffered(brief: false, Stances.OwnPart));
    }

    [Fact]
    public void The_stances_an_alternative_may_name_are_the_ones_the_product_drafts_besides_a_refusal()
    {
        Assert.Equal([Stances.Imposed, Stances.OwnPart], AlternativeDefinition.KnownStances.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_kind_naming_a_stance_the_product_does_not_know_is_refused_with_the_alternative_named()
    {
        var e = TemplateFixture.RefusedWith("discount", kind => kind["alternatives"]![0]!["stances"] = new JsonArray("imposed", "maybe"));
        Assert.Contains("alternative 'multi-year' is written for the stance 'maybe'", e.Message);
    }

    [Fact]
    public void The_shipped_kinds_answer_an_imposition_with_a_proposal_in_every_pack()
    {
        var catalog = KindCatalog.Load(TemplateFixture.Folder);
        foreach (var pack in catalog.Packs.Keys)
            foreach (var kind in (string[])["discount", "payment_terms", "liability"])
            {
                var offered = catalog.ForPack(pack).Find(kind)!.Definition.DefaultOffered(brief: false, Stances.Imposed);
                Assert.Contains("agree-terms", offered);
                Assert.True(offered.Count >= 2, $"{pack}/{kind} proposes only {string.Join(", ", offered)}");
            }
    }
}
