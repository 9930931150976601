using OutlookSayNo.Evaluation;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

public sealed class CatalogDocumentsTests
{
    private static readonly string Templates = Path.Combine(EvalSet.FindRoot(AppContext.BaseDirectory), "templates");

    [Theory]
    [InlineData("facts.json", true)]
    [InlineData("flags.json", true)]
    [InlineData("audiences.json", true)]
    [InlineData("discount/kind.json", true)]
    [InlineData("discount/finance.scriban", true)]
    [InlineData("_partials/greeting.scriban", true)]
    [InlineData("discount/legal.scriban", false)]
    [InlineData("discount/README.md", false)]
    [InlineData("../facts.json", false)]
    [InlineData("_partials/../facts.json", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("Discount/kind.json", false)]
    [InlineData("a/b/kind.json", false)]
    [InlineData("_partials/Greeting.scriban", false)]
    [InlineData("", false)]
    public void Only_paths_of_the_templates_layout_are_documents(string path, bool valid) =>
        Assert.Equal(valid, CatalogDocuments.IsValidPath(path));

    [Fact]
    public void Paths_name_their_kind_audience_and_partial()
    {
        Assert.Equal("discount", CatalogDocuments.KindOfDefinition("discount/kind.json"));
        Assert.Null(CatalogDocuments.KindOfDefinition("discount/finance.scriban"));
        Assert.Equal(("scope", "technical"), CatalogDocuments.TemplateOf("scope/technical.scriban"));
        Assert.Null(CatalogDocuments.TemplateOf("scope/kind.json"));
        Assert.Equal("right_about", CatalogDocuments.PartialName("_partials/right_about.scriban"));
    }

    [Fact]
    public void A_folder_written_from_documents_reads_back_the_same_documents()
    {
        var documents = CatalogDocuments.ReadFolder(Templates);
        Assert.Contains("facts.json", documents.Keys);
        Assert.Contains("_partials/closing.scriban", documents.Keys);
        Assert.Equal(18, documents.Keys.Count(p => CatalogDocuments.TemplateOf(p) is not null));

        var copy = Directory.CreateTempSubdirectory("saynodocs").FullName;
        try
        {
            CatalogDocuments.WriteFolder(copy, documents.Values);
            var again = CatalogDocuments.ReadFolder(copy);
            Assert.Equal(documents.Keys.Order(), again.Keys.Order());
            Assert.All(documents, d => Assert.Equal(d.Value.Sha256, again[d.Key].Sha256));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void A_broken_document_is_reported_with_its_path_line_and_column_and_nothing_is_built()
    {
        var documents = CatalogDocuments.ReadFolder(Templates);
        documents["discount/finance.scriban"] = documents["discount/finance.scriban"] with { Content = "Hello\n{{ if x }}\nno end" };
        documents["facts.json"] = documents["facts.json"] with { Content = "{\n  \"currency\": \"USD\",\n  \"facts\": [ oops ]\n}" };

        var (catalog, problems) = KindCatalog.TryBuild(documents);

        Assert.Null(catalog);
        var scriban = Assert.Single(problems, p => p.Path == "discount/finance.scriban");
        Assert.Equal(2, scriban.Line);
        var json = Assert.Single(problems, p => p.Path == "facts.json");
        Assert.Equal(3, json.Line);
    }

    [Fact]
    public void A_retired_kind_is_left_out_of_the_catalog()
    {
        var documents = CatalogDocuments.ReadFolder(Templates);
        documents["scope/kind.json"] = documents["scope/kind.json"] with { Content = null, Version = 2 };
        var catalog = KindCatalog.Build(documents);
        Assert.Null(catalog.Find("scope"));
        Assert.NotNull(catalog.Find("discount"));
    }

    [Fact]
    public void Templates_carry_their_document_version()
    {
        var documents = CatalogDocuments.ReadFolder(Templates);
        documents["discount/finance.scriban"] = documents["discount/finance.scriban"] with { Version = 7 };
        Assert.Equal(7, KindCatalog.Build(documents).Find("discount")!.Templates["finance"].Version);
    }

    [Fact]
    public void Facts_with_a_bad_unit_a_duplicate_name_or_no_label_are_refused()
    {
        var documents = CatalogDocuments.ReadFolder(Templates);
        documents["facts.json"] = documents["facts.json"] with
        {
            Content = """
                { "currency": "usd", "facts": [
                  { "name": "a", "value": 1, "unit": "parsecs", "label": "A" },
                  { "name": "b", "value": 1, "unit": "days", "label": "B" },
                  { "name": "b", "value": 2, "unit": "days", "label": "" }
                ] }
                """,
        };
        var (_, problems) = KindCatalog.TryBuild(documents);
        var messages = problems.Where(p => p.Path == "facts.json").Select(p => p.Message).ToList();
        Assert.Contains(messages, m => m.Contains("parsecs"));
        Assert.Contains(messages, m => m.Contains("declared twice"));
        Assert.Contains(messages, m => m.Contains("needs a label"));
        Assert.Contains(messages, m => m.Contains("three-letter"));
    }
}
