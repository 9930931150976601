using System.Security.Claims;
using OutlookSayNo.Auth;
using OutlookSayNo.Data;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.Admin;

public abstract record SaveOutcome
{
    public sealed record Saved(IReadOnlyList<TemplateVersionRecord> Versions) : SaveOutcome;
    public sealed record Invalid(ValidationReport Report) : SaveOutcome;
    public sealed record Stale(string Path, int? Expected, int? Current) : SaveOutcome;
    public sealed record Busy : SaveOutcome;
}

/// <summary>The one way any change reaches the catalog: check the versions the admin saw, validate
/// against the catalog in force, and append in a transaction that only commits if no other change
/// landed meanwhile (else validate again). The saving instance reloads at once; the others notice
/// the new catalog version on their next request.</summary>
public sealed class TemplateSaves(CatalogStore catalogs, TemplateValidator validator, SayNoDb db, TimeProvider clock)
{
    private const int Attempts = 3;

    public async Task<SaveOutcome> SaveAsync(IReadOnlyList<DocumentChange> changes, string origin, string? comment, ClaimsPrincipal user, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = await catalogs.GetAsync(db, ct);
            foreach (var change in changes)
            {
                int? now = current.Documents.TryGetValue(change.Path, out var doc) ? doc.Version : null;
                if (now != change.ExpectedVersion) return new SaveOutcome.Stale(change.Path, change.ExpectedVersion, now);
            }
            var report = validator.Validate(current, changes.Select(c => new ChangeDto(c.Path, c.Content)).ToList(), user, ct);
            if (!report.Valid) return new SaveOutcome.Invalid(report);
            try
            {
                var added = await TemplateStore.AppendAsync(db, changes, origin, new Author(user.UserId(), user.DisplayName()), comment,
                    clock.GetUtcNow().UtcDateTime, current.Version, ct);
                if (added is null) continue; // another change landed while validating: validate against it
                await catalogs.ReloadAsync(db, ct);
                return new SaveOutcome.Saved(added);
            }
            catch (StaleVersionException stale)
            {
                return new SaveOutcome.Stale(stale.Path, stale.Expected, stale.Current);
            }
        }
        return new SaveOutcome.Busy();
    }
}
