using System.Diagnostics;
using OutlookSayNo.Ablation;
using OutlookSayNo.Asks;
using OutlookSayNo.Evaluation;
using OutlookSayNo.Kinds;

// The ablation's third arm: the reader with sentence embeddings as an extra signal, its weights learned
// on dev exactly as the shipped reader's are, then measured on a split with time and memory.
// Usage: dotnet run -c Release --project tests/OutlookSayNo.Ablation [-- --split test|dev]
var root = EvalSet.FindRoot(AppContext.BaseDirectory);
var split = args.SkipWhile(a => a != "--split").Skip(1).FirstOrDefault() ?? "test";
var catalog = KindCatalog.Load(Path.Combine(root, "templates"));
var emails = EvalSet.Load(EvalSet.CorpusFolder(root));
var dev = emails.Where(e => e.Split == "dev").ToList();

var before = Environment.WorkingSet;
var started = Stopwatch.StartNew();
using var meaning = new MiniLmMeaning();
var examples = Training.Examples(catalog, dev, 5, EvalSet.Load(Path.Combine(root, "tests", "eval", "emails")), 0.3, meaning);
var model = Training.Fit(examples, 0.03);
meaning.Keep = null;
meaning.Extra = null;
var classifier = new Classifier(TimeProvider.System, model, meaning);
classifier.Classify(catalog, "", "Could you take 10% off the renewal?"); // loads the example vectors of the full catalog
GC.Collect();
Console.WriteLine($"weights learned on dev in {started.Elapsed.TotalSeconds:0} s; kind weights [{string.Join(", ", model.KindWeights.Select(w => w.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}]");
Console.WriteLine($"process working set: {before / 1048576} MB before the model, {Environment.WorkingSet / 1048576} MB with it loaded and the example vectors cached");
var predictions = EvalSet.Run(catalog, emails.Where(e => e.Split == split), null, classifier);
Console.WriteLine(Report.Write($"{split}, with embeddings", predictions));
