using System.Text.RegularExpressions;

namespace OutlookSayNo.Reading;

/// <summary>How the customer wrote: a formal letter ("Dear Mr Chen", "Yours faithfully", "I am writing to")
/// gets a formal reply; a message that opens "Hi" or with no salutation gets a plain one.</summary>
public static partial class Register
{
    public const string Formal = "formal";
    public const string Informal = "informal";

    /// <summary>A message of at most this many words before the signature is short: a two-line post or note.</summary>
    public const int ShortMessageWords = 60;

    /// <summary>A short, informal message ("can you knock 10% off?") gets a short, plain reply: length follows the
    /// customer's. A letter keeps a letter's length, however short.</summary>
    public static bool IsBrief(EmailText email) => Read(email) == Informal && WordsUpTo(email.Message, ShortMessageWords + 1) <= ShortMessageWords;

    /// <summary>Counts words (runs of letters or digits), stopping once there are <paramref name="enough"/>: linear, and cheap on a long body.</summary>
    private static int WordsUpTo(ReadOnlySpan<char> text, int enough)
    {
        var words = 0;
        var inWord = false;
        foreach (var ch in text)
        {
            var letter = char.IsLetterOrDigit(ch);
            if (letter && !inWord && ++words >= enough) return words;
            inWord = letter || (inWord && ch is '\'' or '’' or '-' or '.' or ',');
        }
        return words;
    }

    public static string Read(EmailText email)
    {
        var message = email.Text[..email.MessageEnd];
        // The salutation is in the first lines; it decides when there is one.
        var head = string.Join('\n', message.Split('\n').Where(l => l.Trim().Length > 0).Take(3));
        if (FormalSalutation().IsMatch(head)) return Formal;
        if (InformalSalutation().IsMatch(head)) return Informal;
        // A letter may open with the addresses and the date: its salutation is a line of its own a little lower.
        foreach (var line in message.Split('\n').Where(l => l.Trim().Length > 0).Take(SalutationLines))
            if (line.Length <= 60 && SalutationLine().IsMatch(line)) return Formal;
        return FormalClosing().IsMatch(message) || FormalOpening().IsMatch(message) ? Formal : Informal;
    }

    // "^" is any line start; the space after it stays on its line ([^\S\n], not \s), or a run of blank lines
    // would be rescanned from each of them.
    [GeneratedRegex(@"^[^\S\n]*(dear\b|to whom it may concern|gentlemen\b|attn\b|attention\b)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex FormalSalutation();

    [GeneratedRegex(@"^[^\S\n]*(hi|hey|hiya|hello|good (morning|afternoon|evening))\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex InformalSalutation();

    /// <summary>How far down a letter's salutation is looked for, below an address block and a date.</summary>
    public const int SalutationLines = 12;

    [GeneratedRegex(@"^\s*(dear\b.*|(ladies and )?gentlemen|dear sirs?( or madam)?)\s*[,:]\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SalutationLine();

    [GeneratedRegex(@"^[^\S\n]*((very )?(truly|sincerely|faithfully|cordially|respectfully) yours|yours (very )?(sincerely|faithfully|truly|respectfully)|sincerely( yours)?|(very )?respectfully|yours,|with (kind|best) regards|kind regards)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex FormalClosing();

    [GeneratedRegex(@"\b(i am|we are) writing\b|\bwe (hereby|regret to inform)\b|\bplease find (enclosed|attached)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FormalOpening();
}
