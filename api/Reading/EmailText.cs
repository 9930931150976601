namespace OutlookSayNo.Reading;

/// <summary>
/// The readable text of an email body, with a map back to the body as sent so that evidence
/// spans can point at the customer's own characters (HTML or plain text).
/// </summary>
public sealed class EmailText
{
    // Null for plain text, where text and source share offsets.
    private readonly int[]? _sourceIndex;

    internal EmailText(string source, string text, int[]? sourceIndex, int messageEnd, int signatureStart)
    {
        Source = source;
        Text = text;
        _sourceIndex = sourceIndex;
        MessageEnd = messageEnd;
        SignatureStart = signatureStart;
    }

    /// <summary>The body exactly as sent.</summary>
    public string Source { get; }

    /// <summary>The whole body reduced to text (HTML removed, entities decoded).</summary>
    public string Text { get; }

    /// <summary>End of the newest message in <see cref="Text"/>; quoted history starts here.</summary>
    public int MessageEnd { get; }

    /// <summary>Start of the signature in <see cref="Text"/> (equal to <see cref="MessageEnd"/> when none).</summary>
    public int SignatureStart { get; }

    /// <summary>The newest message without its signature: the only part read for asks.</summary>
    public ReadOnlySpan<char> Message => Text.AsSpan(0, SignatureStart);

    public string MessageText => Text[..SignatureStart];

    public string Signature => Text[SignatureStart..MessageEnd];

    /// <summary>Maps a span of <see cref="Text"/> to the span of <see cref="Source"/> it came from.</summary>
    public (int Start, int Length) ToSource(int textStart, int textLength)
    {
        if (textLength <= 0) return (SourceAt(textStart), 0);
        var start = SourceAt(textStart);
        var lastChar = SourceAt(textStart + textLength - 1);
        var end = lastChar + SourceCharLength(lastChar);
        return (start, Math.Max(0, end - start));
    }

    private int SourceAt(int textIndex) => _sourceIndex switch
    {
        null => Math.Clamp(textIndex, 0, Math.Max(0, Text.Length - 1)),
        { Length: 0 } => 0,
        var map => map[Math.Clamp(textIndex, 0, map.Length - 1)],
    };

    // An entity such as &amp; decodes to one character but spans several in the source.
    private int SourceCharLength(int sourceIndex)
    {
        if (sourceIndex >= Source.Length) return 0;
        if (Source[sourceIndex] != '&') return 1;
        var semi = Source.IndexOf(';', sourceIndex, Math.Min(12, Source.Length - sourceIndex));
        return semi < 0 ? 1 : semi - sourceIndex + 1;
    }
}
