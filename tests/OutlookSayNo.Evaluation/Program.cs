using OutlookSayNo.Evaluation;
using OutlookSayNo.Kinds;

// Usage: dotnet run --project tests/OutlookSayNo.Evaluation [-- --split dev|holdout|all] [--mistakes] [--emails DIR] [--templates DIR]
var root = EvalSet.FindRoot(AppContext.BaseDirectory);
string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
var emailsDir = Arg("--emails", Path.Combine(root, "tests", "eval", "emails"));
var templatesDir = Arg("--templates", Path.Combine(root, "templates"));
var split = Arg("--split", "all");

var catalog = KindCatalog.Load(templatesDir);
var emails = EvalSet.Load(emailsDir);
var predictions = EvalSet.Run(catalog, emails);

var explain = Arg("--explain", "");
if (explain.Length > 0)
{
    foreach (var p in predictions.Where(p => p.Email.File.StartsWith(explain, StringComparison.Ordinal)))
    {
        Console.WriteLine($"{p.Email.File}: labelled {p.Email.Kind}, flags [{string.Join(",", p.Email.Flags)}]");
        foreach (var a in new[] { p.Result.Primary }.Concat(p.Result.Secondary))
            Console.WriteLine($"  {a.Category,-14} score {a.Score,6:0.00} conf {a.Confidence:0.00} [{string.Join(" | ", a.Evidence.Select(e => e.Text))}]");
        Console.WriteLine($"  flags [{string.Join(",", p.Result.Flags)}] [{string.Join(" | ", p.Result.FlagEvidence.Select(e => e.Text))}]");
    }
    return;
}
foreach (var (name, subset) in new[] { ("dev", "dev"), ("holdout", "holdout"), ("all", "all") })
{
    if (split != "all" && split != subset) continue;
    var chosen = predictions.Where(p => subset == "all" || p.Email.Split == subset).ToList();
    if (chosen.Count == 0) continue;
    Console.WriteLine(Report.Write(name, chosen));
}
if (args.Contains("--mistakes"))
{
    Console.WriteLine("== mistakes ==");
    Console.WriteLine(Report.Mistakes(predictions.Where(p => split == "all" || p.Email.Split == split)));
}
