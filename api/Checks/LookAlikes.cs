using System.Globalization;
using System.Text;

namespace OutlookSayNo.Checks;

/// <summary>Text as a reader sees it, for the respectful check: a soft hyphen, a zero-width space or a
/// direction control inside a word, an accent, a full-width or styled letter, or a Cyrillic or Greek
/// letter that looks Latin must not hide a rude word. Every step is one pass over the text.</summary>
public static class LookAlikes
{
    /// <summary>The readings to check, in order: the text as it is (an invisible character between two words
    /// keeps them apart there); with its invisible characters and marks removed and look-alike letters made
    /// Latin; and, when it has a right-to-left override, also with each overridden run turned round as it is
    /// displayed ("\u202Etoidi" shows as "idiot"). Plain ASCII text is its own only reading.</summary>
    public static IReadOnlyList<string> Readings(string text)
    {
        if (Ascii.IsValid(text)) return [text];
        var readings = new List<string>(3) { text };
        var folded = Fold(text);
        if (folded != text) readings.Add(folded);
        if (text.Contains(RightToLeftOverride)) readings.Add(Fold(Displayed(text)));
        return readings;
    }

    private const char RightToLeftOverride = '\u202E';
    private const char PopDirectionalFormatting = '\u202C';

    /// <summary>Format characters (soft hyphen, zero-width space and joiners, direction controls) and combining
    /// marks dropped; accented, full-width, styled, circled and ligature Latin letters made plain; then a word
    /// that mixes Latin with Cyrillic or Greek look-alikes, or is all look-alikes, written in Latin. (The API
    /// runs in invariant globalization mode, where string.Normalize leaves such text as it is.)</summary>
    public static string Fold(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            // No ASCII character is a format character, a mark, a styled letter or an accented one.
            if (rune.IsAscii) { plain.Append((char)rune.Value); continue; }
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) continue;
            if (Plain(rune.Value) is { } latin) { plain.Append(latin); continue; }
            if (rune.IsBmp && Accented.TryGetValue((char)rune.Value, out var letter)) { plain.Append(letter); continue; }
            if (rune.IsBmp) plain.Append((char)rune.Value);
            else plain.Append(char.ConvertFromUtf32(rune.Value));
        }
        var chars = new char[plain.Length];
        plain.CopyTo(0, chars, chars.Length);
        for (var start = 0; start < chars.Length;)
        {
            if (!char.IsLetter(chars[start])) { start++; continue; }
            var end = start;
            bool latin = false, allLookAlike = true;
            for (; end < chars.Length && char.IsLetter(chars[end]); end++)
            {
                latin |= char.IsAsciiLetter(chars[end]);
                allLookAlike &= ToLatin.ContainsKey(chars[end]);
            }
            // A Russian or Greek word stays as it is; a spoofed one ("іdіоt", "сrар") becomes Latin.
            if (latin || allLookAlike)
                for (var i = start; i < end; i++)
                    if (ToLatin.TryGetValue(chars[i], out var l)) chars[i] = l;
            start = end;
        }
        return new string(chars);
    }

    /// <summary>The plain Latin for a full-width, mathematical, circled, squared or ligature form; null for any other.</summary>
    private static string? Plain(int cp) => cp switch
    {
        >= 0xFF01 and <= 0xFF5E => ((char)(cp - 0xFEE0)).ToString(),                       // full-width ASCII
        >= 0x1D400 and <= 0x1D6A3 => Letter((cp - 0x1D400) % 52),                          // mathematical bold, italic, script, ...
        >= 0x1D7CE and <= 0x1D7FF => ((char)('0' + (cp - 0x1D7CE) % 10)).ToString(),       // mathematical digits
        >= 0x24B6 and <= 0x24CF => ((char)('A' + cp - 0x24B6)).ToString(),                 // circled capitals
        >= 0x24D0 and <= 0x24E9 => ((char)('a' + cp - 0x24D0)).ToString(),                 // circled small letters
        >= 0x249C and <= 0x24B5 => ((char)('a' + cp - 0x249C)).ToString(),                 // parenthesised small letters
        >= 0x1F130 and <= 0x1F149 => ((char)('A' + cp - 0x1F130)).ToString(),              // squared capitals
        >= 0x1F150 and <= 0x1F169 => ((char)('A' + cp - 0x1F150)).ToString(),              // negative circled capitals
        >= 0x1F170 and <= 0x1F189 => ((char)('A' + cp - 0x1F170)).ToString(),              // negative squared capitals
        >= 0x1F1E6 and <= 0x1F1FF => ((char)('A' + cp - 0x1F1E6)).ToString(),              // regional indicators
        0xFB00 => "ff", 0xFB01 => "fi", 0xFB02 => "fl", 0xFB03 => "ffi", 0xFB04 => "ffl", 0xFB05 or 0xFB06 => "st",
        _ => null,
    };

    private static string Letter(int i) => ((char)(i < 26 ? 'A' + i : 'a' + i - 26)).ToString();

    /// <summary>The text with each run after a right-to-left override (to its pop, or the end of the line)
    /// in the order it is displayed. Enough for Latin letters, which is what the rude words are.</summary>
    private static string Displayed(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] != RightToLeftOverride) continue;
            var end = i + 1;
            while (end < chars.Length && chars[end] is not (PopDirectionalFormatting or '\n' or RightToLeftOverride)) end++;
            Array.Reverse(chars, i + 1, end - i - 1);
            i = end - 1;
        }
        return new string(chars);
    }

    // Latin letters with accents (Latin-1 and Latin Extended-A) and the letter they are read as.
    private static readonly Dictionary<char, char> Accented = new[]
    {
        ("ÀÁÂÃÄÅĀĂĄ", 'A'), ("àáâãäåāăą", 'a'), ("ÇĆĈĊČ", 'C'), ("çćĉċč", 'c'), ("ĎĐ", 'D'), ("ďđ", 'd'),
        ("ÈÉÊËĒĔĖĘĚ", 'E'), ("èéêëēĕėęě", 'e'), ("ĜĞĠĢ", 'G'), ("ĝğġģ", 'g'), ("ĤĦ", 'H'), ("ĥħ", 'h'),
        ("ÌÍÎÏĨĪĬĮİ", 'I'), ("ìíîïĩīĭįı", 'i'), ("Ĵ", 'J'), ("ĵ", 'j'), ("Ķ", 'K'), ("ķ", 'k'), ("ĹĻĽĿŁ", 'L'), ("ĺļľŀł", 'l'),
        ("ÑŃŅŇ", 'N'), ("ñńņňŉ", 'n'), ("ÒÓÔÕÖØŌŎŐ", 'O'), ("òóôõöøōŏő", 'o'), ("ŔŖŘ", 'R'), ("ŕŗř", 'r'),
        ("ŚŜŞŠ", 'S'), ("śŝşš", 's'), ("ŢŤŦ", 'T'), ("ţťŧ", 't'), ("ÙÚÛÜŨŪŬŮŰŲ", 'U'), ("ùúûüũūŭůűų", 'u'),
        ("Ŵ", 'W'), ("ŵ", 'w'), ("ÝŶŸ", 'Y'), ("ýÿŷ", 'y'), ("ŹŻŽ", 'Z'), ("źżž", 'z'),
    }.SelectMany(p => p.Item1.Select(c => (c, p.Item2))).ToDictionary(p => p.c, p => p.Item2);

    // Cyrillic and Greek letters (and a few Latin ones) that read as a Latin letter.
    private static readonly Dictionary<char, char> ToLatin = new()
    {
        ['а'] = 'a', ['е'] = 'e', ['і'] = 'i', ['ј'] = 'j', ['к'] = 'k', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c',
        ['у'] = 'y', ['х'] = 'x', ['ѕ'] = 's', ['һ'] = 'h', ['ԁ'] = 'd', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ӏ'] = 'l', ['ү'] = 'y',
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['І'] = 'I', ['Ј'] = 'J', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H', ['О'] = 'O',
        ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T', ['У'] = 'Y', ['Х'] = 'X', ['Ѕ'] = 'S', ['Һ'] = 'H', ['Ү'] = 'Y', ['Ӏ'] = 'I',
        ['α'] = 'a', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['υ'] = 'u', ['χ'] = 'x', ['ϲ'] = 'c', ['ϳ'] = 'j',
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N',
        ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X',
        ['ɑ'] = 'a', ['ɡ'] = 'g',
    };
}
