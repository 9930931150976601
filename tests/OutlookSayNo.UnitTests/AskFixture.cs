using OutlookSayNo.Asks;

namespace OutlookSayNo.UnitTests;

/// <summary>What the shipped catalog's reader makes of a message, on a fixed day (2 December 2026), for the tests
/// of the ask read in full: its figures and their roles, the reason, the remedy.</summary>
internal static class AskFixture
{
    public static readonly Classifier Classifier = new(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)));

    public static Classification Classify(string body) => Classifier.Classify(TemplateFixture.Catalog, "", body);

    public static AskReading Read(string body, string kind) => AskReader.Read(Classify(body), kind);

    public static string RoleOf(AskReading r, string figure) => r.Figures.First(f => f.Figure.Text.Contains(figure, StringComparison.Ordinal)).Role;
}
