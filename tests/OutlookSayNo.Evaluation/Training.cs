using System.Globalization;
using System.Text;
using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.Evaluation;

/// <summary>Learns the reader model's weights from the development split of the real-mail corpus, and
/// only from it. The word-model features of each dev email come from a catalog that did not learn that
/// email's fold (out-of-fold, so the weights are not fitted to sentences the model has memorised); the
/// weights are then fitted by regularised maximum likelihood, and k-fold cross-validation over source
/// groups says how well they read mail they were not fitted on.</summary>
public static class Training
{
    public sealed record Example(LabelledEmail Email, MessageEvidence Evidence, IReadOnlyList<string> Refusable, double Weight);

    /// <summary>Every sentence the corpus teaches the word model (dev only).</summary>
    public static HashSet<string> DevSentences(IEnumerable<LabelledEmail> dev) =>
        dev.SelectMany(CrossValidation.Teaches).Select(t => t.Sentence).ToHashSet(StringComparer.Ordinal);

    /// <summary>The catalog without any example sentence that came from the dev split.</summary>
    public static KindCatalog WithoutDev(KindCatalog catalog, HashSet<string> devSentences) =>
        CrossValidation.WithExtraExamples(catalog, [], keep: e => !devSentences.Contains(e));

    /// <summary>Dev emails with out-of-fold evidence, plus (optionally) other labelled emails read by the full catalog.</summary>
    public static List<Example> Examples(KindCatalog catalog, IReadOnlyList<LabelledEmail> dev, int folds, IReadOnlyList<LabelledEmail> extra, double extraWeight,
        ISentenceMeaning? meaning = null)
    {
        var devSentences = DevSentences(dev);
        var bare = WithoutDev(catalog, devSentences);
        var result = new List<Example>();
        // The meaning model compares with the same example sentences the fold's word model learned.
        var extras = new Dictionary<ExampleModel, ILookup<string, string>>();
        if (meaning is IFoldAwareMeaning m)
        {
            m.Keep = e => !devSentences.Contains(e);
            m.Extra = (c, kind) => extras.TryGetValue(c.Examples, out var l) ? l[kind] : [];
        }
        extras[bare.Examples] = Array.Empty<(string, string)>().ToLookup(x => x.Item1, x => x.Item2);
        for (var f = 0; f < folds; f++)
        {
            var teach = dev.Where(e => CrossValidation.Fold(e, folds) != f).SelectMany(CrossValidation.Teaches).ToList();
            var trained = CrossValidation.WithExtraExamples(catalog, teach, e => !devSentences.Contains(e));
            extras[trained.Examples] = teach.ToLookup(x => x.Kind, x => x.Sentence);
            var classifier = new Classifier(TimeProvider.System, null, meaning);
            var refusable = Refusable(trained);
            foreach (var e in dev.Where(e => CrossValidation.Fold(e, folds) == f))
                result.Add(new Example(e, classifier.Classify(trained, e.Subject, e.Body).Evidence!, refusable, 1));
        }
        var full = new Classifier(TimeProvider.System, null, meaning);
        foreach (var e in extra)
            result.Add(new Example(e, full.Classify(bare, e.Subject, e.Body).Evidence!, Refusable(bare), extraWeight));
        return result;
    }

    public static List<string> Refusable(KindCatalog catalog) =>
        catalog.Kinds.Values.Where(k => k.Definition.Refusable).Select(k => k.Id).Order(StringComparer.Ordinal).ToList();

    /// <summary>Fits the weights (shared kind weights, "other" weights, a bias per kind) by gradient descent
    /// on the weighted log-loss with an L2 penalty.</summary>
    public static ReaderModel Fit(IReadOnlyList<Example> examples, double l2, int iterations = 3000, double rate = 0.05)
    {
        var kinds = examples.SelectMany(x => x.Refusable).Distinct().Order(StringComparer.Ordinal).ToList();
        var classes = kinds.Append("other").ToList();
        var w = new double[AskFeatures.KindCount];
        var v = new double[AskFeatures.OtherCount];
        var b = new double[classes.Count];
        // Features once: they do not change while the weights are fitted.
        var rows = examples.Select(x => (
            Kind: x.Refusable.Select(k => AskFeatures.ForKind(x.Evidence, k)).ToArray(),
            Other: AskFeatures.ForOther(x.Evidence, x.Refusable),
            Label: classes.IndexOf(x.Email.Kind),
            KindIndex: x.Refusable.Select(k => classes.IndexOf(k)).ToArray(),
            x.Weight)).Where(r => r.Label >= 0).ToList();
        var totalWeight = rows.Sum(r => r.Weight);
        // Adam: the features differ in scale, plain steps would crawl.
        var mw = new double[w.Length]; var sw = new double[w.Length];
        var mv = new double[v.Length]; var sv = new double[v.Length];
        var mb = new double[b.Length]; var sb = new double[b.Length];
        const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        for (var it = 1; it <= iterations; it++)
        {
            var gw = new double[w.Length];
            var gv = new double[v.Length];
            var gb = new double[b.Length];
            foreach (var r in rows)
            {
                var z = new double[classes.Count];
                Array.Fill(z, double.NegativeInfinity);
                for (var i = 0; i < r.Kind.Length; i++) z[r.KindIndex[i]] = Dot(w, r.Kind[i]) + b[r.KindIndex[i]];
                var o = classes.Count - 1;
                z[o] = Dot(v, r.Other) + b[o];
                var p = Softmax(z);
                for (var i = 0; i < r.Kind.Length; i++)
                {
                    var c = r.KindIndex[i];
                    var g = (p[c] - (c == r.Label ? 1 : 0)) * r.Weight;
                    for (var j = 0; j < w.Length; j++) gw[j] += g * r.Kind[i][j];
                    gb[c] += g;
                }
                var go = (p[o] - (o == r.Label ? 1 : 0)) * r.Weight;
                for (var j = 0; j < v.Length; j++) gv[j] += go * r.Other[j];
                gb[o] += go;
            }
            for (var j = 0; j < w.Length; j++) gw[j] = gw[j] / totalWeight + l2 * w[j];
            for (var j = 0; j < v.Length; j++) gv[j] = gv[j] / totalWeight + l2 * v[j];
            for (var j = 0; j < b.Length; j++) gb[j] = gb[j] / totalWeight + l2 * 0.1 * b[j];
            Step(w, gw, mw, sw, it); Step(v, gv, mv, sv, it); Step(b, gb, mb, sb, it);
        }
        return new ReaderModel(w, v, classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => b[x.i], StringComparer.Ordinal));

        void Step(double[] x, double[] g, double[] m, double[] s, int t)
        {
            for (var j = 0; j < x.Length; j++)
            {
                m[j] = beta1 * m[j] + (1 - beta1) * g[j];
                s[j] = beta2 * s[j] + (1 - beta2) * g[j] * g[j];
                var mh = m[j] / (1 - Math.Pow(beta1, t));
                var sh = s[j] / (1 - Math.Pow(beta2, t));
                x[j] -= rate * mh / (Math.Sqrt(sh) + eps);
            }
        }
    }

    /// <summary>Each dev email classified by weights fitted without its fold (its evidence is already out-of-fold).</summary>
    public static List<(Example Example, Dictionary<string, double> P)> CrossValidate(IReadOnlyList<Example> examples, int folds, double l2)
    {
        var result = new List<(Example, Dictionary<string, double>)>();
        var dev = examples.Where(x => x.Weight >= 1).ToList();
        for (var f = 0; f < folds; f++)
        {
            var model = Fit(examples.Where(x => x.Weight < 1 || CrossValidation.Fold(x.Email, folds) != f).ToList(), l2);
            foreach (var x in dev.Where(x => CrossValidation.Fold(x.Email, folds) == f))
                result.Add((x, model.Probabilities(x.Evidence, x.Refusable)));
        }
        return result;
    }

    public static double Accuracy(IEnumerable<(Example Example, Dictionary<string, double> P)> predictions)
    {
        var list = predictions.ToList();
        return list.Count(p => p.P.MaxBy(kv => kv.Value).Key == p.Example.Email.Kind) / (double)Math.Max(1, list.Count);
    }

    public static double LogLoss(IEnumerable<(Example Example, Dictionary<string, double> P)> predictions)
    {
        var list = predictions.ToList();
        return list.Average(p => -Math.Log(Math.Max(1e-9, p.P.GetValueOrDefault(p.Example.Email.Kind))));
    }

    /// <summary>The weights as the C# of ReaderWeights.cs.</summary>
    public static string CSharp(ReaderModel model, string provenance)
    {
        var inv = CultureInfo.InvariantCulture;
        string Arr(IEnumerable<double> xs) => "[" + string.Join(", ", xs.Select(x => x.ToString("0.####", inv))) + "]";
        var sb = new StringBuilder();
        sb.AppendLine("namespace OutlookSayNo.Asks;");
        sb.AppendLine();
        sb.AppendLine("/// <summary>The reader model's weights, written by the evaluation command's --train run on the");
        sb.AppendLine("/// development split (tests/corpus/dev). Regenerate them there; do not tune them by hand.");
        sb.AppendLine($"/// {provenance}</summary>");
        sb.AppendLine("public static class ReaderWeights");
        sb.AppendLine("{");
        sb.AppendLine("    /// <summary>One weight per <see cref=\"AskFeatures.KindNames\"/> entry, shared by every kind.</summary>");
        sb.AppendLine($"    public static readonly double[] Kind = {Arr(model.KindWeights)};");
        sb.AppendLine();
        sb.AppendLine("    /// <summary>One weight per <see cref=\"AskFeatures.OtherNames\"/> entry.</summary>");
        sb.AppendLine($"    public static readonly double[] Other = {Arr(model.OtherWeights)};");
        sb.AppendLine();
        sb.AppendLine("    public static readonly Dictionary<string, double> Bias = new(StringComparer.Ordinal)");
        sb.AppendLine("    {");
        foreach (var (k, b) in model.Bias.OrderBy(k => k.Key, StringComparer.Ordinal))
            sb.AppendLine($"        [\"{k}\"] = {b.ToString("0.####", inv)},");
        sb.AppendLine("    };");
        sb.AppendLine("}");
        return sb.ToString();
    }

    private static double Dot(double[] w, double[] x)
    {
        var z = 0.0;
        for (var i = 0; i < w.Length && i < x.Length; i++) z += w[i] * x[i];
        return z;
    }

    private static double[] Softmax(double[] z)
    {
        var max = z.Max();
        var p = new double[z.Length];
        var sum = 0.0;
        for (var i = 0; i < z.Length; i++) sum += p[i] = double.IsNegativeInfinity(z[i]) ? 0 : Math.Exp(z[i] - max);
        for (var i = 0; i < z.Length; i++) p[i] /= sum;
        return p;
    }
}
