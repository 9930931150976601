using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OutlookSayNo.Reading;

/// <summary>The person who wrote, as a reply would address them. Null parts are unknown.</summary>
public sealed record PersonName(string? Given, string? Family, string? Title)
{
    public static readonly PersonName Unknown = new(null, null, null);

    public string? Full => Given is null && Family is null ? null : string.Join(' ', new[] { Given, Family }.Where(p => p is not null));
}

/// <summary>Finds the writer's name: the name they signed the newest message with, then the display
/// name ("Last, First", "Name (Company)", "Name, Title, Company", "Dr. Name"), then the address
/// ("maria.lopez@"). A role, a team, a company or a handle is never taken for a name: "Hi Purchasing,"
/// and "Hi Coastal," are worse than "Hello,".</summary>
public static partial class Names
{
    public static PersonName Read(string? displayName, string? address, EmailText? email)
    {
        var display = FromDisplay(displayName, address);
        if (email is not null && FromSignature(email, address) is { } signed)
        {
            // "Ron" signs for "Ronald Pruitt": the signed given name, the display's family name.
            if (signed.Family is null && display.Family is not null && signed.Given is not null) return signed with { Family = display.Family, Title = signed.Title ?? display.Title };
            return signed with { Title = signed.Title ?? (SameFamily(signed, display) ? display.Title : null) };
        }
        return display;
    }

    // "Harbor Power" under a title line is the company of harborpower.com, not a person.
    private static bool IsTheCompany(PersonName p, string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        if (at < 0 || p.Given is null || p.Family is null) return false;
        var domain = Fold(address![(at + 1)..].Split('.')[0]);
        var name = Fold((p.Given ?? "") + (p.Family ?? ""));
        return name.Length > 0 && domain.Contains(name, StringComparison.Ordinal);
    }

    private static bool SameFamily(PersonName a, PersonName b) => a.Family is not null && string.Equals(a.Family, b.Family, StringComparison.OrdinalIgnoreCase);

    /// <summary>The name on the display name, or on the address when there is none.</summary>
    public static PersonName FromDisplay(string? displayName, string? address)
    {
        var name = (displayName ?? "").Trim().Trim('"', '\'').Trim();
        name = ParenRegex().Replace(name, " ").Trim(); // "Ana Ruiz (Acme)" → "Ana Ruiz"
        if (name.Contains('@')) name = "";
        if (name.Length > 0)
        {
            var parts = name.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            PersonName? person = null;
            if (parts.Length == 2 && Person(parts[1]) is { } swapped && swapped.Family is null && LooksLikeWords(parts[0], 1, 2) && !NotAName(parts[0]))
                person = new PersonName(swapped.Given, Capitalised(parts[0]), swapped.Title); // "Chase, Tamara"
            person ??= parts.Length > 0 ? Person(parts[0]) : null; // "Name, Title, Company"
            if (person is not null) return OrderByAddress(person, address);
            return PersonName.Unknown;
        }
        return FromAddress(address);
    }

    // "Lin Yu-ting <yuting.lin@…>": the address says which part is the given name.
    private static PersonName OrderByAddress(PersonName p, string? address)
    {
        if (p.Given is null || p.Family is null || address is null) return p;
        var local = Fold(address.Split('@')[0]);
        var given = Fold(p.Given);
        var family = Fold(p.Family);
        if (local.StartsWith(family, StringComparison.Ordinal) && local.Length > family.Length && local[family.Length..].TrimStart('.', '_', '-').StartsWith(given, StringComparison.Ordinal)
            && !local.StartsWith(given, StringComparison.Ordinal))
            return p;
        var firstSegment = Fold(address.Split('@')[0].Split('.', '_', '-')[0]);
        if (firstSegment.Length > 1 && firstSegment == family && firstSegment != given && IsEastAsianOrder(p)) return new PersonName(p.Family, p.Given, p.Title);
        return p;
    }

    // Two short syllable-like parts with a hyphenated second or a known family-first pattern; only used with the address's word.
    private static bool IsEastAsianOrder(PersonName p) => p.Given!.Length <= 6;

    private static string Fold(string s)
    {
        var d = s.Normalize(NormalizationForm.FormD);
        return new string(d.Where(c => char.IsLetter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray()).ToLowerInvariant();
    }

    public static PersonName FromAddress(string? address)
    {
        if (string.IsNullOrEmpty(address)) return PersonName.Unknown;
        var local = address.Split('@')[0];
        var all = local.Split('.', '_', '-');
        var parts = all.Where(p => p.Length > 1 && p.All(char.IsLetter)).ToArray();
        if (parts.Length != 2 || all.Length != 2 || parts.Any(NotAName)) return PersonName.Unknown;
        return new PersonName(Capitalised(parts[0]), Capitalised(parts[1]), null);
    }

    /// <summary>The name signed under the newest message: the first line after the sign-off that is a
    /// person's name, or the last short line of the message when it ends with one.</summary>
    public static PersonName? FromSignature(EmailText email, string? address = null)
    {
        var signature = email.Signature;
        var lines = signature.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            // No sign-off was found: a message may still end "Thanks\nMaria".
            var tail = email.MessageText.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (tail.Length >= 2 && (SignOffRegex().IsMatch(tail[^2]) || tail[^2].EndsWith(',')) && Person(tail[^1].TrimEnd(',', '.')) is { } last) return last;
            return null;
        }
        var start = lines.Length > 0 && SignOffRegex().IsMatch(lines[0]) ? 1 : 0;
        // "Best regards, Sharon" on one line.
        if (lines.Length > 0 && SignOffWithNameRegex().Match(lines[0]) is { Success: true } inline && Person(inline.Groups["name"].Value) is { } p0) return p0;
        for (var i = start; i < Math.Min(lines.Length, start + 3); i++)
        {
            var line = lines[i].TrimEnd(',', '.');
            if (Person(line) is { } p && !IsTheCompany(p, address)) return p;
            if (InitialRegex().Match(line) is { Success: true } m) // "P. Garnier (Mr)", "M. Delorme"
                return new PersonName(null, m.Groups["family"].Value, TitleOf(m.Groups["title"].Value));
        }
        return null;
    }

    /// <summary>A person's name in a short piece of text, or null: 1 to 4 words, each capitalised, with an
    /// optional title and middle initials, none of them a role, team or company word.</summary>
    private static PersonName? Person(string text)
    {
        var t = text.Trim().TrimEnd(',', '.', ';', ':');
        if (t.Length is 0 or > 60 || t.Any(char.IsDigit) || t.Contains('@') || t.Contains('_') || t.Contains('/')) return null;
        var and = AndRegex().Match(t); // "Chris and Anne Whitlock" → Chris
        if (and.Success) t = t[..and.Index];
        var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        string? title = null;
        if (words.Count > 1 && TitleOf(words[0]) is { } tt) { title = tt; words.RemoveAt(0); }
        words.RemoveAll(w => MiddleInitialRegex().IsMatch(w) && words.IndexOf(w) > 0);
        if (words.Count is 0 or > 3) return null;
        if (words.Any(NotAName)) return null;
        var allLower = words.All(w => w.All(c => !char.IsLetter(c) || char.IsLower(c)));
        if (allLower && words.Count < 2) return null; // a handle such as "michmj"
        if (!allLower && !words.All(w => !char.IsLower(w[0]))) return null;
        if (!words.All(w => NameWordRegex().IsMatch(w))) return null;
        if (words.Count == 1 && (words[0].Length > 10 || words[0].All(char.IsUpper) && words[0].Length > 1 && title is null)) return null;
        var parts = words.Select(w => allLower || w.All(c => !char.IsLetter(c) || char.IsUpper(c)) && w.Length > 2 ? Capitalised(w) : w).ToList();
        if (words.Count == 1) return title is null ? new PersonName(parts[0], null, null) : new PersonName(null, parts[0], title);
        if (MiddleInitialRegex().IsMatch(words[0])) return new PersonName(null, parts[^1], title); // "M. Delorme": no given name to greet
        return new PersonName(parts[0], parts[^1], title);
    }

    private static string? TitleOf(string word) => word.Trim('(', ')', '.', ',').ToLowerInvariant() switch
    {
        "mr" => "Mr", "mrs" => "Mrs", "ms" => "Ms", "miss" => "Miss", "dr" => "Dr", "prof" => "Prof", "professor" => "Prof",
        _ => null,
    };

    private static bool LooksLikeWords(string s, int min, int max)
    {
        var n = s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return n >= min && n <= max;
    }

    private static bool NotAName(string word) => NotNames.Contains(word.Trim('.', ',', '&').ToLowerInvariant()) || word == "&";

    // "O'Brien" and "McKay" are already written as their owner writes them; only all-caps or all-lower words are recased.
    private static string Capitalised(string s) => s.Any(char.IsUpper) && s.Any(char.IsLower) ? s :
        string.Join('-', s.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()));

    // Words that make a display name or a signature line a role, a team or a company, not a person.
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "accounts", "account", "accounting", "payable", "payables", "receivable", "procurement", "purchasing", "purchase", "buying", "buyer", "buyers",
        "finance", "financial", "billing", "team", "info", "support", "sales", "admin", "administration", "administracio", "office", "hr", "it",
        "operations", "ops", "customer", "customers", "service", "services", "helpdesk", "noreply", "no-reply", "department", "dept", "commercial",
        "merchandising", "supply", "chain", "management", "manager", "director", "vendor", "vendors", "supplier", "suppliers", "relations", "edi",
        "ltd", "limited", "inc", "llc", "gmbh", "co", "corp", "corporation", "company", "group", "plc", "sa", "srl", "bv", "ag", "pty", "stores",
        "trading", "terms", "the", "of", "and", "for", "partners", "studio", "agency", "solutions", "systems", "technologies", "software",
        "ceo", "cfo", "cto", "coo", "owner", "founder", "president", "head", "officer", "executive", "assistant", "coordinator", "specialist",
        "engineer", "engineering", "developer", "consultant", "marketing", "legal", "compliance", "logistics", "warehouse", "quality", "project",
        "projects", "product", "products", "desk", "board", "committee", "council", "university", "school", "hospital", "foundation", "club",
        "boutiques", "business", "shop", "store", "market", "holding", "holdings", "international", "global", "industries", "manufacturing",
        "typewriters", "regards", "thanks", "best", "cheers", "sincerely", "yours", "faithfully", "truly", "client", "user", "users", "member",
        "apac", "emea", "europe", "asia", "americas", "usa", "uk", "ny", "hq", "sent", "from", "my", "iphone", "android", "mobile", "age",
    };

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex ParenRegex();

    [GeneratedRegex(@"^\p{L}[\p{L}'’\-]*\.?$")]
    private static partial Regex NameWordRegex();

    [GeneratedRegex(@"^\p{Lu}\.?$")]
    private static partial Regex MiddleInitialRegex();

    [GeneratedRegex(@"\s+(?:and|&)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndRegex();

    [GeneratedRegex(@"^(?<initial>\p{Lu})\.\s*(?<family>\p{Lu}[\p{L}'\-]+)\s*(?:\((?<title>Mr|Mrs|Ms|Dr)\.?\))?$")]
    private static partial Regex InitialRegex();

    [GeneratedRegex(@"^((with kind|with best|with warm|very best|kindest|best|kind|warm|warmest|many|with|all the)\s+)?(regards|wishes|thanks|thank you|cheers|sincerely|rgds|br|thx|ty|respectfully|yours( truly| sincerely| faithfully)?|best|greetings|cordialement|saludos)(\s+(again|in advance|so much|very much))?\s*[,.!]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SignOffRegex();

    [GeneratedRegex(@"^(?:(?:with kind|with best|very best|kindest|best|kind|warm|warmest|many)\s+)?(?:regards|wishes|thanks|thank you|cheers|sincerely|yours(?: truly| sincerely| faithfully)?|best)\s*[,.!]?\s*[-–]?\s*(?<name>\p{Lu}[\p{L}'\-]+(?:\s\p{Lu}[\p{L}'\-]+)?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SignOffWithNameRegex();
}
