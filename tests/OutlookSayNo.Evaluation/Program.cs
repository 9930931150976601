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
