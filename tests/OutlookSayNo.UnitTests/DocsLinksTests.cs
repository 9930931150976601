using System.Text.RegularExpressions;
using OutlookSayNo.Evaluation;

namespace OutlookSayNo.UnitTests;

/// <summary>The README and the documents it links to name only files that exist, and the README stays short
/// enough to read on a few screens.</summary>
public sealed partial class DocsLinksTests
{
    private static readonly string Root = EvalSet.FindRoot(AppContext.BaseDirectory);

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string> { "README.md" };
        foreach (var f in Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Root, f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_linked_or_named_path_exists(string document)
    {
        var text = File.ReadAllText(Path.Combine(Root, document));
        var folder = Path.GetDirectoryName(Path.Combine(Root, document))!;
        var missing = new List<string>();
        // Markdown links to local files, relative to the document.
        foreach (Match m in LinkRegex().Matches(text))
        {
            var target = m.Groups[1].Value;
            if (!File.Exists(Path.Combine(folder, target)) && !Directory.Exists(Path.Combine(folder, target))) missing.Add(target);
        }
        // Paths in backticks that start at a top folder of the repository, relative to the root.
        foreach (Match m in CodePathRegex().Matches(text))
        {
            var path = m.Groups[1].Value.TrimEnd('/');
            if (path.Contains('<') || path.Contains('*') || path.Contains('{')) continue;
            if (!File.Exists(Path.Combine(Root, path)) && !Directory.Exists(Path.Combine(Root, path))) missing.Add(path);
        }
        Assert.True(missing.Count == 0, $"{document} names what does not exist: {string.Join(", ", missing.Distinct())}");
    }

    [Fact]
    public void The_readme_fits_on_a_few_screens() =>
        Assert.InRange(File.ReadAllLines(Path.Combine(Root, "README.md")).Length, 40, 249);

    [GeneratedRegex(@"\]\((?!https?:|#|mailto:)([^)#\s]+)(?:#[^)]*)?\)")]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"`((?:api|addin|templates|tests|docs)/[A-Za-z0-9_./-]+)`")]
    private static partial Regex CodePathRegex();
}
