using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace OutlookSayNo.Drafts;

/// <summary>Turns a rendered template (plain text: paragraphs split by a blank line, "- " bullets)
/// into tidy text and into HTML in which every character is encoded: no value from an email or a
/// form, and no template text, can become markup.</summary>
public static partial class ReplyText
{
    public static string Tidy(string rendered)
    {
        var text = rendered.Replace("\r\n", "\n").Replace('\r', '\n');
        var lines = text.Split('\n').Select(l => SpacesRegex().Replace(l.TrimEnd(), " ").TrimStart()).ToList();
        var sb = new StringBuilder(text.Length);
        var blank = false;
        foreach (var line in lines)
        {
            if (line.Length == 0) { blank = true; continue; }
            // One blank line between paragraphs, however many the template left.
            if (blank && sb.Length > 0) sb.Append('\n');
            sb.Append(SpaceBeforePunctuationRegex().Replace(line, "$1")).Append('\n');
            blank = false;
        }
        return sb.ToString().TrimEnd('\n');
    }

    public static string ToHtml(string text)
    {
        var sb = new StringBuilder(text.Length + 256);
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = paragraph.Split('\n');
            var i = 0;
            while (i < lines.Length)
            {
                if (lines[i].StartsWith("- ", StringComparison.Ordinal))
                {
                    sb.Append("<ul>");
                    while (i < lines.Length && lines[i].StartsWith("- ", StringComparison.Ordinal))
                        sb.Append("<li>").Append(WebUtility.HtmlEncode(lines[i++][2..])).Append("</li>");
                    sb.Append("</ul>");
                    continue;
                }
                sb.Append("<p>");
                var first = true;
                while (i < lines.Length && !lines[i].StartsWith("- ", StringComparison.Ordinal))
                {
                    if (!first) sb.Append("<br>");
                    sb.Append(WebUtility.HtmlEncode(lines[i++]));
                    first = false;
                }
                sb.Append("</p>");
            }
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"[ \t\u00a0]{2,}")]
    private static partial Regex SpacesRegex();

    // "the price , which" -> "the price, which": a missing value must not leave a gap.
    [GeneratedRegex(@"\s+([,.;:!?])(?=\s|$)")]
    private static partial Regex SpaceBeforePunctuationRegex();
}
