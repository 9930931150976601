namespace OutlookSayNo.Kinds;

public enum ModelValue { Text, Number, YesNo }

/// <summary>One fixed variable a template sees (<c>customer.firstName</c>), its type and what it holds.</summary>
public sealed record ModelMember(string Object, string Name, ModelValue Value, string Content)
{
    public string Path => Object.Length == 0 ? Name : $"{Object}.{Name}";
}

/// <summary>The one definition of what a template sees, apart from the per-kind <c>data</c>, the catalog's
/// <c>facts</c> and the rendered <c>alternatives</c>. The compose step fills exactly these, the static
/// analysis checks templates against them, and the table in docs/templates.md lists them (a test holds all three
/// together), so a variable cannot exist in one place and not the others.</summary>
public static class TemplateModel
{
    public static readonly IReadOnlyList<ModelMember> Members =
    [
        new("customer", "name", ModelValue.Text, "the sender's name as read from the signature or the display name (may be null)"),
        new("customer", "firstName", ModelValue.Text, "their given name, never a title, a role or a company (may be null)"),
        new("customer", "familyName", ModelValue.Text, "their family name (may be null)"),
        new("customer", "title", ModelValue.Text, "Mr, Ms, Dr and the like when they wrote one (may be null)"),
        new("customer", "email", ModelValue.Text, "their address"),
        new("customer", "company", ModelValue.Text, "the company from their address, not a free-mail one (may be null)"),
        new("customer", "business", ModelValue.YesNo, "true when they write for a business (their company named, a buying team, our staff or stores, seats, suppliers); false for a private person, who is not told about seats or engineers"),
        new("me", "name", ModelValue.Text, "the signed-in account manager"),
        new("me", "firstName", ModelValue.Text, "their given name"),
        new("ask", "kind", ModelValue.Text, "the kind id"),
        new("ask", "title", ModelValue.Text, "the kind's plain title"),
        new("ask", "subject", ModelValue.Text, "the email's subject"),
        new("ask", "quote", ModelValue.Text, "the customer's sentence that asks (may be null)"),
        new("ask", "ours", ModelValue.Text, "what they ask, said back in our words (\"lower both prices by 30%\"; may be null)"),
        new("ask", "requested", ModelValue.Text, "their requested figure as they wrote it (may be null; never a figure whose role is unclear)"),
        new("ask", "requestedKind", ModelValue.Text, "what the requested figure is: money, percent, date, duration or quantity (null with no requested figure), so a sentence can say \"a delay of a few days\" or \"payment on 30 September\""),
        new("ask", "reason", ModelValue.Text, "the reason they give, said back to them (\"your budget was cut\"), or the account manager's wording (may be null)"),
        new("ask", "reasonIsClause", ModelValue.YesNo, "true when the reason reads as a clause (\"your budget was cut\") rather than a noun phrase"),
        new("ask", "hardship", ModelValue.YesNo, "true when the customer tells of hardship (a fire, an illness, a lost job or client, a budget cut, financial difficulties, arrears, a balance they cannot pay at once): leave out what their ask would cost us; with no reason to say back, the acknowledgement offers sympathy"),
        new("ask", "remedy", ModelValue.Text, "how they ask for a failure to be put right: refund, replace, repair, redo or correct (a charge), else null"),
        new("ask", "beyond", ModelValue.YesNo, "true when they ask for more than putting it right: compensation, damages, their losses or costs"),
        new("ask", "fault", ModelValue.YesNo, "true when they report something wrong with what we supplied (a fault, damage, an outage, a delay, an error, no answer); false for a change of mind or a purchase made by mistake"),
        new("ask", "free", ModelValue.YesNo, "true when they ask to have it free of charge (\"for free\", \"we have no budget\", \"in exchange for a photo credit\") rather than for a lower price"),
        new("ask", "offer", ModelValue.Text, "what they offer or make it conditional on (\"sign today\"; may be null)"),
        new("", "audience", ModelValue.Text, "commercial, technical or finance"),
        new("", "register", ModelValue.Text, "formal when the customer wrote a letter (\"Dear …\", \"Yours faithfully\"), else informal"),
        new("", "brief", ModelValue.YesNo, "true when the customer wrote a short informal message (60 words or fewer): answer briefly, in kind"),
        new("", "stance", ModelValue.Text, "the position the reply takes: refuse, own_part (the customer reports a failure of ours) or imposed (they announce rather than ask)"),
        new("", "grants", ModelValue.YesNo, "true when the reply owns our part and grants the remedy asked for, refusing nothing (a kind with grantsRemedy, nothing beyond asked, no finding typed, within cover); a refund or corrected charge then offers no alternatives unless ticked"),
        new("pressure", "threat", ModelValue.YesNo, "the email threatens a consequence as leverage"),
        new("pressure", "abusive", ModelValue.YesNo, "the email is abusive"),
        new("pressure", "any", ModelValue.YesNo, "either of the two"),
        new("pressure", "leaving", ModelValue.YesNo, "the threat is to take their business elsewhere (cancel, switch, go to a competitor)"),
        new("", "theyAreRightAbout", ModelValue.Text, "the sentence the account manager typed, or null"),
    ];

    /// <summary>Names of the model's top level, with the per-kind and catalog parts.</summary>
    public static readonly IReadOnlyList<string> TopLevel =
        Members.Select(m => m.Object.Length == 0 ? m.Name : m.Object).Concat(["data", "facts", "alternatives", "also"]).Distinct().ToList();

    public static IEnumerable<ModelMember> Of(string obj) => Members.Where(m => m.Object == obj);
}
