using OutlookSayNo.Evaluation;
using OutlookSayNo.Kinds;
using Microsoft.Extensions.Time.Testing;

namespace OutlookSayNo.UnitTests;

/// <summary>Runs the hand-written evaluation set (tests/eval) through the real classifier and catalog.
/// It is the product's own prose, so it is no longer the headline (the real-mail corpus is, see
/// RealMailEvaluationTests); it still catches a change that stops the reader understanding plain asks.
/// The floors sit a little under the measured figures.</summary>
public sealed class ClassifierEvaluationTests
{
    private static readonly string Root = EvalSet.FindRoot(AppContext.BaseDirectory);
    private static readonly KindCatalog Catalog = KindCatalog.Load(Path.Combine(Root, "templates"));
    private static readonly List<Prediction> Predictions =
        EvalSet.Run(Catalog, EvalSet.Load(Path.Combine(Root, "tests", "eval", "emails")), new FakeTimeProvider(new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void The_evaluation_set_has_at_least_150_labelled_emails_of_every_kind()
    {
        Assert.True(Predictions.Count >= 150, $"{Predictions.Count} emails");
        foreach (var kind in Catalog.Kinds.Keys)
            Assert.True(Predictions.Count(p => p.Email.Kind == kind) >= 10, $"too few {kind} emails");
    }

    [Fact]
    public void Primary_accuracy_on_the_development_split_stays_above_its_floor()
    {
        var dev = Predictions.Where(p => p.Email.Split == "dev").ToList();
        Assert.True(Report.Accuracy(dev) >= 0.88, Report.Write("dev", dev) + Report.Mistakes(dev));
    }

    [Fact]
    public void Primary_accuracy_on_the_held_out_split_stays_above_its_floor()
    {
        var holdout = Predictions.Where(p => p.Email.Split == "holdout").ToList();
        Assert.True(Report.Accuracy(holdout) >= 0.76, Report.Write("holdout", holdout) + Report.Mistakes(holdout));
    }

    [Fact]
    public void Every_ask_decision_points_to_words_of_the_email()
    {
        foreach (var p in Predictions.Where(p => p.Result.Primary.Category != "other"))
        {
            Assert.NotEmpty(p.Result.Primary.Evidence);
            foreach (var e in p.Result.Primary.Evidence.Where(e => e.In == "body"))
            {
                var source = p.Email.Body.Substring(e.Start, e.Length);
                // Plain text: the same characters; HTML: the words appear inside the source span.
                foreach (var word in e.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(1))
                    Assert.Contains(word, source, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void The_threat_flag_is_rarely_raised_on_an_email_without_pressure()
    {
        var flagged = Predictions.Where(p => p.Result.Flags.Contains("threat")).ToList();
        var precision = flagged.Count(p => p.Email.Flags.Contains("threat")) / (double)Math.Max(1, flagged.Count);
        Assert.True(precision >= 0.8, $"threat precision {precision:P0}: {string.Join(", ", flagged.Where(p => !p.Email.Flags.Contains("threat")).Select(p => p.Email.File))}");
    }

    [Fact]
    public void No_email_is_flagged_abusive_unless_it_is_rude()
    {
        var wrong = Predictions.Where(p => p.Result.Flags.Contains("abusive") && !p.Email.Flags.Contains("abusive") && p.Email.Style is not "angry").ToList();
        Assert.True(wrong.Count <= 1, string.Join(", ", wrong.Select(w => w.Email.File)));
    }
}
