using System.Text.Encodings.Web;
using System.Text.Json;

namespace OutlookSayNo.Evaluation;

/// <summary>Adds example sentences to the kinds' definitions (templates/&lt;kind&gt;/kind.json) in place,
/// one per line at the end of the "examples" array, so the rest of each file keeps its layout.</summary>
public static class KindFiles
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int AppendExamples(string templatesDir, IEnumerable<(string Kind, string Sentence)> sentences)
    {
        var added = 0;
        foreach (var group in sentences.GroupBy(s => s.Kind))
        {
            var path = Path.Combine(templatesDir, group.Key, "kind.json");
            if (!File.Exists(path)) continue;
            var text = File.ReadAllText(path);
            var doc = JsonDocument.Parse(text);
            var existing = doc.RootElement.GetProperty("examples").EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal);
            var fresh = group.Select(g => g.Sentence.Trim()).Where(s => s.Length > 0 && existing.Add(s)).ToList();
            if (fresh.Count == 0) continue;
            var start = text.IndexOf("\"examples\": [", StringComparison.Ordinal);
            var close = text.IndexOf("\n  ]", start, StringComparison.Ordinal);
            var lines = string.Concat(fresh.Select(s => ",\n    " + JsonSerializer.Serialize(s, Json)));
            text = text[..close] + lines + text[close..];
            JsonDocument.Parse(text).Dispose();
            File.WriteAllText(path, text);
            added += fresh.Count;
        }
        return added;
    }
}
