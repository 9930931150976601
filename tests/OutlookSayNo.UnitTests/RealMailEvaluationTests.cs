using Microsoft.Extensions.Time.Testing;
using OutlookSayNo.Asks;
using OutlookSayNo.Evaluation;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>The real-mail corpus (tests/corpus) through the real classifier and catalog. The test split
/// is never used to tune anything; these floors sit a little under what it measured (docs/reading-real-mail.md, "Reading
/// real mail") so a change that reads real mail worse fails here. They are guards, not targets: the
/// targets of the issue are higher and not met.</summary>
public sealed class RealMailEvaluationTests
{
    private static readonly string Root = EvalSet.FindRoot(AppContext.BaseDirectory);
    private static readonly KindCatalog Catalog = KindCatalog.Load(Path.Combine(Root, "templates"));
    private static readonly List<Prediction> Test =
        EvalSet.Run(Catalog, EvalSet.Load(EvalSet.CorpusFolder(Root)).Where(e => e.Split == "test"),
            new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void The_corpus_test_split_has_every_kind_threats_abuse_and_two_ask_emails()
    {
        Assert.True(Test.Count >= 150, $"{Test.Count} emails");
        foreach (var kind in Catalog.Kinds.Keys)
            Assert.True(Test.Count(p => p.Email.Kind == kind) >= 10, $"too few {kind} emails");
        Assert.True(Test.Count(p => p.Email.Flags.Contains(AskFlags.Threat)) >= 10);
        Assert.True(Test.Count(p => p.Email.Secondary.Count > 0) >= 10);
        Assert.All(Test, p => Assert.StartsWith("http", p.Email.Source.Replace("enron:", "http"), StringComparison.Ordinal));
    }

    [Fact]
    public void Primary_accuracy_on_real_mail_stays_above_its_floor() =>
        Assert.True(Report.Accuracy(Test) >= 0.48, Report.Write("test", Test));

    [Fact]
    public void A_real_ask_is_almost_never_answered_nothing_to_refuse_without_a_choice()
    {
        var waved = Test.Where(Report.AskWavedAway).ToList();
        Assert.True(waved.Count <= 2, string.Join(", ", waved.Select(p => p.Email.File)));
    }

    [Fact]
    public void Most_flags_raised_on_real_mail_are_right()
    {
        var (tpT, flT, _) = Report.Flag(Test, AskFlags.Threat);
        var (tpA, flA, _) = Report.Flag(Test, AskFlags.Abusive);
        // 11 of 15 on the first 171 test emails; 12 of 19 once 42 more joined the split on 2026-12-07.
        Assert.True(tpT + tpA >= 0.6 * (flT + flA), $"{tpT + tpA} of {flT + flA} flags right");
    }

    [Fact]
    public void The_figures_real_customers_write_are_found()
    {
        var (found, labelled, missed) = Report.FiguresFound(Test);
        Assert.True(found >= 0.85 * labelled, $"{found}/{labelled}; missed: {string.Join("; ", missed.Take(20))}");
    }

    [Fact]
    public void Ask_evidence_is_a_sentence_not_a_word()
    {
        var (_, _, words) = Report.EvidenceHits(Test);
        Assert.True(words >= 8, $"mean evidence length {words:0.0} words");
    }
}
