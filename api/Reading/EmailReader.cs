using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace OutlookSayNo.Reading;

/// <summary>
/// Step one of the draft path: turns a body as sent (plain text or HTML) into text, finds where
/// the newest message ends (quoted history) and where its signature starts.
/// </summary>
public static partial class EmailReader
{
    public static EmailText Read(string body)
    {
        body ??= "";
        var (text, map, htmlQuoteStart) = LooksLikeHtml(body) ? HtmlToText(body) : PlainText(body);
        var messageEnd = FindQuoteStart(text, htmlQuoteStart);
        text = BlankQuotedLines(text, messageEnd);
        var signatureStart = FindSignatureStart(text, messageEnd);
        return new EmailText(body, text, map, messageEnd, signatureStart);
    }

    // A tag needs a '>' after it, so only the body up to its last '>' can hold one. Cutting it there
    // keeps the search linear: a "<p" with no '>' after it would otherwise be scanned to the end once
    // per "<p".
    public static bool LooksLikeHtml(string body)
    {
        var lastClose = body.LastIndexOf('>');
        return lastClose >= 0 && HtmlTagRegex().IsMatch(body.AsSpan(0, lastClose + 1));
    }

    // Normalise CR so line logic sees one kind of line break; offsets stay 1:1, so no map is needed.
    private static (string, int[]?, int) PlainText(string body) => (body.Replace('\r', ' '), null, -1);

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table",
        "ul", "ol", "hr", "pre", "section", "article", "header", "footer",
    };

    private static readonly HashSet<string> SkippedContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "title", "xml",
    };

    private static (string, int[]?, int) HtmlToText(string html)
    {
        var sb = new StringBuilder(html.Length);
        var map = new List<int>(html.Length);
        var quoteStart = -1;
        var pendingSpace = -1; // source index of a collapsed whitespace run
        var nextClose = -1;    // the first '>' at or after the last search; int.MaxValue when none is left
        var i = 0;

        void Emit(char c, int src)
        {
            if (c == '\n')
            {
                // Trim spaces before a line break and avoid more than one empty line.
                while (sb.Length > 0 && sb[^1] == ' ') { sb.Length--; map.RemoveAt(map.Count - 1); }
                if (sb.Length >= 2 && sb[^1] == '\n' && sb[^2] == '\n') return;
                if (sb.Length == 0) return;
                pendingSpace = -1;
            }
            sb.Append(c);
            map.Add(src);
        }

        void FlushSpace()
        {
            if (pendingSpace >= 0 && sb.Length > 0 && sb[^1] != '\n' && sb[^1] != ' ') Emit(' ', pendingSpace);
            pendingSpace = -1;
        }

        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
                {
                    var endComment = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                    i = endComment < 0 ? html.Length : endComment + 3;
                    continue;
                }
                // Remember the next '>' so that a run of '<' with none after them is not searched to the end once each.
                if (nextClose <= i) nextClose = html.IndexOf('>', i + 1) is var found and >= 0 ? found : int.MaxValue;
                if (nextClose == int.MaxValue) { FlushSpace(); Emit(c, i); i++; continue; }
                var close = nextClose;
                var tag = html.AsSpan(i + 1, close - i - 1);
                var isEnd = tag.Length > 0 && tag[0] == '/';
                // Judge the first character before reading the name: "<<<<...>" is text, and reading each
                // would-be name up to the '>' made a run of '<' quadratic.
                var first = isEnd ? (tag.Length > 1 ? tag[1] : '\0') : (tag.Length > 0 ? tag[0] : '\0');
                if (!char.IsLetter(first) && first != '!' && first != '?')
                {
                    // A bare "<" in text, such as "< 5 days".
                    FlushSpace(); Emit(c, i); i++; continue;
                }
                var name = TagName(isEnd ? tag[1..] : tag);
                if (!isEnd && SkippedContent.Contains(name))
                {
                    var endTag = html.IndexOf("</" + name, close + 1, StringComparison.OrdinalIgnoreCase);
                    var endClose = endTag < 0 ? -1 : html.IndexOf('>', endTag);
                    i = endClose < 0 ? html.Length : endClose + 1;
                    continue;
                }
                if (!isEnd && quoteStart < 0 && IsQuoteContainer(name, tag))
                {
                    Emit('\n', i);
                    quoteStart = sb.Length;
                }
                if (BlockTags.Contains(name))
                {
                    Emit('\n', i);
                    if (!isEnd && name.Equals("li", StringComparison.OrdinalIgnoreCase)) { Emit('-', i); Emit(' ', i); }
                    if (!isEnd && name.Equals("p", StringComparison.OrdinalIgnoreCase) && sb.Length > 0) Emit('\n', i);
                }
                i = close + 1;
                continue;
            }
            if (c == '&')
            {
                var semi = html.IndexOf(';', i + 1, Math.Min(11, html.Length - i - 1));
                if (semi > i + 1)
                {
                    var entity = html.Substring(i, semi - i + 1);
                    var decoded = WebUtility.HtmlDecode(entity);
                    if (decoded.Length is 1 or 2 && decoded != entity)
                    {
                        FlushSpace();
                        foreach (var d in decoded) Emit(d == '\u00a0' ? ' ' : d, i);
                        i = semi + 1;
                        continue;
                    }
                }
            }
            if (char.IsWhiteSpace(c))
            {
                if (pendingSpace < 0) pendingSpace = i;
                i++;
                continue;
            }
            FlushSpace();
            Emit(c, i);
            i++;
        }
        return (sb.ToString(), map.ToArray(), quoteStart);
    }

    private static string TagName(ReadOnlySpan<char> tag)
    {
        var end = 0;
        while (end < tag.Length && !char.IsWhiteSpace(tag[end]) && tag[end] != '/' && tag[end] != '>') end++;
        return tag[..end].ToString();
    }

    private static bool IsQuoteContainer(string name, ReadOnlySpan<char> tag)
    {
        if (name.Equals("blockquote", StringComparison.OrdinalIgnoreCase)) return true;
        return QuoteContainerRegex().IsMatch(tag);
    }

    private static int FindQuoteStart(string text, int htmlQuoteStart)
    {
        var limit = htmlQuoteStart >= 0 ? htmlQuoteStart : text.Length;
        var lineStart = 0;
        while (lineStart < limit)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.Length;
            var line = text.AsSpan(lineStart, lineEnd - lineStart);
            if (IsQuoteHeader(text, line, lineEnd)) return lineStart;
            lineStart = lineEnd + 1;
        }
        return limit;
    }

    private static bool IsQuoteHeader(string text, ReadOnlySpan<char> line, int lineEnd)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0) return false;
        if (SeparatorRegex().IsMatch(trimmed)) return true;
        if (WroteRegex().IsMatch(trimmed) || WroteNameAfterRegex().IsMatch(trimmed)) return true;
        // "On Tue, 3 Mar 2026, Name <x@y.com>" wrapped before "wrote:".
        if (WroteStartRegex().IsMatch(trimmed))
        {
            // Wrapped, possibly with a blank line between (HTML blocks): look a few lines on.
            var next = NextLines(text, lineEnd, 3);
            if (WroteEndRegex().IsMatch(next)) return true;
        }
        if (HeaderFromRegex().IsMatch(trimmed))
        {
            var next = NextLines(text, lineEnd, 4);
            if (HeaderSentRegex().IsMatch(next)) return true;
        }
        return false;
    }

    private static string NextLines(string text, int from, int count)
    {
        var end = from;
        for (var n = 0; n < count && end < text.Length; n++)
        {
            var e = text.IndexOf('\n', end + 1);
            end = e < 0 ? text.Length : e;
        }
        return from >= text.Length ? "" : text[from..end];
    }

    // "> " lines inside the newest message are quotes (inline replies); blank them, keeping offsets.
    private static string BlankQuotedLines(string text, int messageEnd)
    {
        if (text.IndexOf('>') < 0) return text;
        char[]? chars = null;
        var lineStart = 0;
        while (lineStart < messageEnd)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0 || lineEnd > messageEnd) lineEnd = messageEnd;
            var j = lineStart;
            while (j < lineEnd && text[j] == ' ') j++;
            if (j < lineEnd && text[j] == '>')
            {
                chars ??= text.ToCharArray();
                for (var k = lineStart; k < lineEnd; k++) chars[k] = ' ';
            }
            lineStart = lineEnd + 1;
        }
        return chars is null ? text : new string(chars);
    }

    private static int FindSignatureStart(string text, int messageEnd)
    {
        var lines = new List<(int Start, int End)>();
        var s = 0;
        while (s < messageEnd)
        {
            var e = text.IndexOf('\n', s);
            if (e < 0 || e > messageEnd) e = messageEnd;
            lines.Add((s, e));
            s = e + 1;
        }
        var nonEmpty = lines.Where(l => !text.AsSpan(l.Start, l.End - l.Start).IsWhiteSpace()).ToList();
        if (nonEmpty.Count == 0) return messageEnd;

        // The classic "-- " delimiter wins.
        foreach (var l in nonEmpty)
        {
            var t = text.AsSpan(l.Start, l.End - l.Start).TrimEnd();
            if (t.SequenceEqual("--") || t.SequenceEqual("-- ") || t.SequenceEqual("—")) return l.Start;
        }

        // A short sign-off line ("Best regards,", "Thanks!") followed by a few short lines; the last
        // such line wins so that a "Thanks," inside the message does not cut it.
        for (var n = nonEmpty.Count - 1; n >= 1; n--)
        {
            var line = text.AsSpan(nonEmpty[n].Start, nonEmpty[n].End - nonEmpty[n].Start).Trim();
            if (line.Length > 40 || !SignOffRegex().IsMatch(line)) continue;
            if (nonEmpty.Count - n - 1 <= 16) return nonEmpty[n].Start;
            break;
        }

        // Mobile footers.
        var last = nonEmpty[^1];
        if (MobileFooterRegex().IsMatch(text.AsSpan(last.Start, last.End - last.Start).Trim())) return last.Start;
        return messageEnd;
    }

    [GeneratedRegex(@"<\s*/?\s*(html|body|div|p|br|span|table|td|blockquote|font|b|i|a|ul|li|strong|em)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTagRegex();

    [GeneratedRegex(@"(gmail_quote|divRplyFwdMsg|appendonsend|moz-cite-prefix|yahoo_quoted|OutlookMessageHeader|protonmail_quote|type\s*=\s*""?cite)", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteContainerRegex();

    [GeneratedRegex(@"^(-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}|_{8,}|Begin forwarded message:?)", RegexOptions.IgnoreCase)]
    private static partial Regex SeparatorRegex();

    [GeneratedRegex(@"^(On|Am|Le|El|Il|Op)\s.{4,250}(wrote|schrieb|a écrit|escribió|ha scritto|schreef)\s*:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WroteRegex();

    // German, Dutch, French... put the name after the verb: "Am 3.3.2026 schrieb Sam Lee <s@x.de>:".
    [GeneratedRegex(@"^(Am|Op|Le|El|Il|Den|På)\s.{4,250}\b(schrieb|schreef|a écrit|escribió|ha scritto|skrev)\b.{0,250}:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WroteNameAfterRegex();

    [GeneratedRegex(@"^On\s.*(\d{1,2}:\d{2}|\d{4}|@)", RegexOptions.IgnoreCase)]
    private static partial Regex WroteStartRegex();

    // "wrote:" anywhere in the few lines after a wrapped "On ..." line. (Anchoring it and skipping lines
    // by pattern matched the same but backtracked quadratically over a long run of spaces.)
    [GeneratedRegex(@"\bwrote\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex WroteEndRegex();

    [GeneratedRegex(@"^\*?(From|Von|De|Van)\s*:\*?\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderFromRegex();

    [GeneratedRegex(@"(^|\n)\s*\*?(Sent|Date|Gesendet|Envoyé|Enviado|To)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderSentRegex();

    [GeneratedRegex(@"^((with kind|with best|with warm|very best|kindest|best|kind|warm|warmest|many|with|all the)\s+)?(regards|wishes|thanks|thank you|cheers|sincerely|rgds|br|thx|ty|respectfully|yours( truly| sincerely| faithfully)?|best|greetings|mit freundlichen grüßen|saludos|cordialement|un saludo|atenciosamente)(\s+(again|in advance|and regards|&\s*regards|so much|very much))?\s*[,.!]?\s*(-+\s*)?(?-i:\p{Lu}[\w.]*(\s\p{Lu}[\w.]*)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SignOffRegex();

    [GeneratedRegex(@"^(Sent from my|Get Outlook for|Sent via|Von meinem)", RegexOptions.IgnoreCase)]
    private static partial Regex MobileFooterRegex();
}
