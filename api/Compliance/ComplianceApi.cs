using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OutlookSayNo.Asks;
using OutlookSayNo.Auth;
using OutlookSayNo.Data;
using OutlookSayNo.Drafts;

namespace OutlookSayNo.Compliance;

/// <summary>The review filters. Every one is optional; together they narrow (AND).</summary>
public sealed record ReviewFilter(string? User, string? Domain, string? Kind, string? Audience, string? Flag, string? FailedCheck,
    string? Status, bool? Edited, string? Review, DateTime? From, DateTime? To, string? Q);

public sealed record DraftSummary(string Id, DateTime CreatedAtUtc, string UserId, string UserName, string CustomerDomain, string FromName,
    string FromEmail, string Subject, string Kind, string Audience, IReadOnlyList<string> Flags, string Status, DateTime? SentAtUtc,
    bool? SentUnchanged, IReadOnlyList<string> FailedChecks, bool SentWarned, string Review, int Comments, int TemplateVersion,
    // How many times the reply to this email was generated, and when last; kind, audience, flags and checks are the latest's.
    int Revisions = 1, DateTime? LatestAtUtc = null);

public sealed record DraftPage(IReadOnlyList<DraftSummary> Items, int Skip, int Take, bool HasMore, long? Total);

public sealed record LogRecordDto(long Seq, string Type, string? DraftId, DateTime AtUtc, LogUserDto User, JsonNode? Payload, string Hash, string PrevHash);
public sealed record LogUserDto(string Id, string Name);

/// <summary>One draft for review. <c>DiffByLine</c>: the texts were too large to compare word by word, so
/// <c>Diff</c> compares whole lines (added after <c>Records</c>, so older clients can ignore it).
/// <c>Generated</c> is the revision that was sent, else the one last inserted, else the latest
/// (<c>GeneratedRevision</c> says which); <c>Diff</c> compares the sent text with it. <c>Revisions</c>
/// lists every generated text in order.</summary>
public sealed record DraftDetail(DraftSummary Summary, JsonNode Generated, JsonNode? Sent, IReadOnlyList<DiffLine>? Diff,
    IReadOnlyList<LogRecordDto> Records, bool DiffByLine = false, IReadOnlyList<RevisionDto>? Revisions = null, int GeneratedRevision = 1);

/// <summary>One generated text of a draft: its number, when, and its generated record's content (kind,
/// audience, checks, text); whether it was inserted, sent or discarded (events name their revision).</summary>
public sealed record RevisionDto(int Number, DateTime AtUtc, long Seq, JsonNode Generated, bool Inserted, bool Sent, bool Discarded);

public sealed record ReviewActionRequest(string? Type, string? Comment);

public sealed record ReviewPayload(string? Comment);

public sealed record CountDto(string Key, long Count);
public sealed record WeekCount(DateOnly WeekStart, string Kind, string Audience, long Count);
public sealed record DomainPressure(string Domain, long Threats, long Abusive, long Drafts);
/// <summary>One week of activity: drafts (emails) first drafted, replies sent, of them sent with changes,
/// and drafts first drafted that week whose latest (or sent) text failed a check.</summary>
public sealed record WeekActivity(DateOnly WeekStart, long Drafts, long Sent, long Edited, long FailedChecks);

/// <summary>Counts are of drafts, one per email and user, however often re-drafted; <c>Revisions</c> is
/// how many texts were generated for them.</summary>
public sealed record Dashboard(DateTime FromUtc, DateTime ToUtc, long Drafts, long Sent, double ShareSentUnchanged, double ShareWithFailedChecks,
    IReadOnlyList<WeekCount> PerWeek, IReadOnlyList<DomainPressure> PressureByDomain, IReadOnlyList<CountDto> FailedChecks,
    long Revisions = 0, IReadOnlyList<WeekActivity>? Weeks = null);

public sealed record PurgeRequest(int? RetentionDays, bool? Confirm);

/// <summary>Compliance review: search the drafts, read one with its sent text and the difference,
/// record reviewer actions (appended to the log like everything else), export CSV, verify the chain,
/// purge by retention, and a dashboard. Reviewers see everything; an account manager sees only their
/// own drafts and cannot act on them.</summary>
public static class ComplianceApi
{
    public const string ReadPolicy = "ComplianceReader";
    public const int MaxTake = 200;
    private const string Problems = "https://outlooksayno.dev/problems/";

    public static IServiceCollection AddSayNoCompliance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ComplianceOptions>().Bind(configuration.GetSection(ComplianceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.ComplianceReviewer, Roles.AccountManager));
        return services;
    }

    public static RouteGroupBuilder MapCompliance(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/compliance")
            .WithTags("Compliance")
            .RequireAuthorization(ReadPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/drafts", List).WithName("SearchDrafts")
            .WithSummary("Search drafts: user, customer domain, kind, audience, flag, failed check, status, edited, review, dates, text; newest first")
            .WithDescription("An account manager sees only their own drafts. failedCheck matches the sent text when the draft was sent, else the generated one. " +
                             "edited=true: sent with changes; edited=false: sent unchanged. status: generated, inserted, sent, discarded or notSent. count=true adds the total.")
            .ProducesValidationProblem();
        group.MapGet("/drafts/{id}", Detail).WithName("GetDraftDetail")
            .WithSummary("A draft: what was generated, what was sent, the difference, and every log record about it")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/drafts/{id}/actions", Act).WithName("ReviewDraft").RequireAuthorization(Roles.ComplianceReviewer)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(16 * 1024)).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Record a reviewer action: reviewed, escalated or comment (appended to the log)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/export.csv", Export).WithName("ExportDrafts").RequireAuthorization(Roles.ComplianceReviewer)
            .WithSummary("The drafts matching the filters as CSV, streamed").Produces(200, contentType: "text/csv").ProducesValidationProblem();
        group.MapGet("/log", Records).WithName("ReadLog").RequireAuthorization(Roles.ComplianceReviewer)
            .WithSummary("The log records in sequence order (every type, including template changes)").ProducesValidationProblem();
        group.MapGet("/verify", Verify).WithName("VerifyLog").RequireAuthorization(Roles.ComplianceReviewer)
            .WithSummary("Recompute the hash chain and report the first broken record");
        group.MapPost("/purge", Purge).WithName("PurgeLog").RequireAuthorization(Roles.ComplianceReviewer)
            .WithSummary("Remove records older than the retention period, leaving a checkpoint the chain continues from")
            .ProducesValidationProblem();
        group.MapGet("/dashboard", GetDashboard).WithName("ComplianceDashboard").RequireAuthorization(Roles.ComplianceReviewer)
            .WithSummary("Drafts per kind and audience per week, share sent unchanged, share with failed checks, threats and abuse per customer domain")
            .ProducesValidationProblem();
        return group;
    }

    // ---- search

    private static async Task<Results<Ok<DraftPage>, ValidationProblem>> List(SayNoDb db, ClaimsPrincipal user, HttpContext http, CancellationToken ct,
        int skip = 0, int take = 50, bool count = false)
    {
        var (filter, errors) = ReadFilter(http.Request.Query);
        if (skip < 0) errors["skip"] = ["Zero or more."];
        if (take is < 1 or > MaxTake) errors["take"] = [$"Between 1 and {MaxTake}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var query = Apply(db, Scope(db.Drafts.AsNoTracking(), user), filter);
        var rows = await query.OrderByDescending(d => d.CreatedAtUtc).ThenByDescending(d => d.Id).Skip(skip).Take(take + 1).ToListAsync(ct);
        long? total = count ? await query.LongCountAsync(ct) : null;
        return TypedResults.Ok(new DraftPage(rows.Take(take).Select(Summary).ToList(), skip, take, rows.Count > take, total));
    }

    private static async Task<Results<Ok<DraftDetail>, ProblemHttpResult>> Detail(string id, SayNoDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var row = await Scope(db.Drafts.AsNoTracking(), user).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (row is null) return NotFound(id);
        var records = await db.Log.AsNoTracking().Where(r => r.DraftId == id).OrderBy(r => r.Seq).ToListAsync(ct);
        var numbers = await db.DraftRevisions.AsNoTracking().Where(r => r.DraftId == id).ToDictionaryAsync(r => r.Seq, r => r.Number, ct);
        var parsed = records.Select(r => (Record: r, Payload: JsonNode.Parse(r.Payload))).ToList();
        var generated = parsed.Where(p => p.Record.Type == LogTypes.Generated).ToList();
        if (generated.Count == 0) return NotFound(id);
        // An event names its revision; one logged before revisions concerns the draft's only text.
        int RevisionOf((LogRecord Record, JsonNode? Payload) p) => p.Record.Type == LogTypes.Generated
            ? numbers.GetValueOrDefault(p.Record.Seq, generated.FindIndex(g => g.Record.Seq == p.Record.Seq) + 1)
            : (int?)p.Payload?["revision"] ?? generated.Select(g => numbers.GetValueOrDefault(g.Record.Seq, 1)).First();
        var sent = parsed.LastOrDefault(p => p.Record.Type == LogTypes.Sent);
        var inserted = parsed.LastOrDefault(p => p.Record.Type == LogTypes.Inserted);
        var revisions = generated.Select(g =>
        {
            var n = RevisionOf(g);
            bool Has(string type) => parsed.Any(p => p.Record.Type == type && RevisionOf(p) == n);
            return new RevisionDto(n, Utc(g.Record.AtUtc), g.Record.Seq, g.Payload!, Has(LogTypes.Inserted), Has(LogTypes.Sent), Has(LogTypes.Discarded));
        }).ToList();
        var chosenNumber = sent.Record is not null ? RevisionOf(sent) : inserted.Record is not null ? RevisionOf(inserted) : revisions[^1].Number;
        var chosen = revisions.LastOrDefault(r => r.Number == chosenNumber) ?? revisions[^1];
        var sentNode = sent.Payload;
        var diff = sentNode is null ? null : LineDiff.WordsOrLines((string?)chosen.Generated["text"], (string?)sentNode["text"]);
        return TypedResults.Ok(new DraftDetail(Summary(row), chosen.Generated, sentNode, diff?.Spans, records.Select(Dto).ToList(), diff?.ByLine ?? false,
            revisions, chosen.Number));
    }

    // ---- actions

    private static async Task<Results<Created<LogRecordDto>, ValidationProblem, ProblemHttpResult>> Act(string id, ReviewActionRequest? request,
        SayNoDb db, LogWriter log, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        string[] types = [LogTypes.Reviewed, LogTypes.Escalated, LogTypes.Comment];
        if (request?.Type is null || !types.Contains(request.Type)) errors["type"] = [$"Use {string.Join(", ", types)}."];
        if (request?.Type == LogTypes.Comment && string.IsNullOrWhiteSpace(request.Comment)) errors["comment"] = ["A comment needs text."];
        if (request?.Comment is { Length: > 2000 }) errors["comment"] = ["At most 2,000 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var owner = await db.Drafts.Where(d => d.Id == id).Select(d => d.UserId).SingleOrDefaultAsync(ct);
        if (owner is null) return NotFound(id);
        // Review is a second pair of eyes: someone who is both account manager and reviewer does not
        // review, escalate or comment on their own draft (a comment is part of the review record).
        if (owner == user.UserId())
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your own draft",
                detail: "A reviewer does not act on their own drafts; another reviewer must.", type: Problems + "own-draft");

        var type = request!.Type!;
        var records = await log.AppendAsync(
            [new LogEntry(type, id, user.UserId(), user.DisplayName(), LogChain.Payload(new ReviewPayload(request.Comment?.Trim())))],
            async (d, recs, token) =>
            {
                var row = await d.Drafts.SingleAsync(x => x.Id == id, token);
                if (type == LogTypes.Comment) row.Comments++;
                else
                {
                    row.Review = type;
                    row.ReviewedAtUtc = recs[0].AtUtc;
                    if (!string.IsNullOrWhiteSpace(request.Comment)) row.Comments++;
                }
            });
        return TypedResults.Created($"/api/compliance/log?after={records[0].Seq - 1}&take=1", Dto(records[0]));
    }

    // ---- export

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> Export(SayNoDb db, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var (filter, errors) = ReadFilter(http.Request.Query);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var query = Apply(db, Scope(db.Drafts.AsNoTracking(), user), filter).OrderByDescending(d => d.CreatedAtUtc).ThenByDescending(d => d.Id);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"outlooksayno-drafts-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync("id,createdAtUtc,userId,userName,customerDomain,fromEmail,subject,kind,audience,flags,status,sentAtUtc,sentUnchanged,failedChecks,review,comments,templateVersion,revisions,latestRevisionAtUtc\r\n");
        var n = 0;
        await foreach (var d in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            var s = Summary(d);
            await writer.WriteAsync(string.Join(',',
                Csv(s.Id), Csv(s.CreatedAtUtc.ToString("O", CultureInfo.InvariantCulture)), Csv(s.UserId), Csv(s.UserName), Csv(s.CustomerDomain),
                Csv(s.FromEmail), Csv(s.Subject), Csv(s.Kind), Csv(s.Audience), Csv(string.Join(' ', s.Flags)), Csv(s.Status),
                Csv(s.SentAtUtc?.ToString("O", CultureInfo.InvariantCulture) ?? ""), Csv(s.SentUnchanged?.ToString() ?? ""),
                Csv(string.Join(' ', s.FailedChecks)), Csv(s.Review), Csv(s.Comments.ToString(CultureInfo.InvariantCulture)),
                Csv(s.TemplateVersion.ToString(CultureInfo.InvariantCulture)), Csv(s.Revisions.ToString(CultureInfo.InvariantCulture)),
                Csv(s.LatestAtUtc?.ToString("O", CultureInfo.InvariantCulture) ?? "")));
            await writer.WriteAsync("\r\n");
            if (++n % 1000 == 0) await writer.FlushAsync(ct);
        }
        return TypedResults.Empty;
    }

    /// <summary>One CSV field, always quoted. A spreadsheet opened in a locale that splits on ';' (or a
    /// paste that splits on tabs) starts a new cell after each separator, so a formula prefix is
    /// neutralised with a leading apostrophe at the start of the field and after every ',', ';' or tab.</summary>
    internal static string Csv(string value)
    {
        var sb = new System.Text.StringBuilder(value.Length + 8).Append('"');
        var cellStart = true;
        foreach (var ch in value)
        {
            if (cellStart && ch is '=' or '+' or '-' or '@' or '\t' or '\r') sb.Append('\'');
            if (ch == '"') sb.Append('"');
            sb.Append(ch);
            cellStart = ch is ',' or ';' or '\t';
        }
        return sb.Append('"').ToString();
    }

    // ---- the log

    private static async Task<Results<Ok<List<LogRecordDto>>, ValidationProblem>> Records(SayNoDb db, CancellationToken ct,
        long after = 0, int take = 100, string? type = null)
    {
        if (take is < 1 or > 1000) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = ["Between 1 and 1,000."] });
        var query = db.Log.AsNoTracking().Where(r => r.Seq > after);
        if (!string.IsNullOrEmpty(type)) query = query.Where(r => r.Type == type);
        var records = await query.OrderBy(r => r.Seq).Take(take).ToListAsync(ct);
        return TypedResults.Ok(records.Select(Dto).ToList());
    }

    private static async Task<Ok<VerifyReport>> Verify(SayNoDb db, CancellationToken ct) =>
        TypedResults.Ok(await LogVerifier.VerifyAsync(db, ct));

    private static async Task<Results<Ok<PurgeResult>, ValidationProblem>> Purge(PurgeRequest? request, SayNoDb db, IOptions<ComplianceOptions> options,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var days = request?.RetentionDays ?? options.Value.RetentionDays;
        var errors = new Dictionary<string, string[]>();
        if (request?.Confirm != true) errors["confirm"] = ["A purge deletes records for good: send \"confirm\": true."];
        if (days < options.Value.RetentionDays)
            errors["retentionDays"] = [$"The configured retention is {options.Value.RetentionDays} days (Compliance:RetentionDays); a purge may not keep less."];
        else if (days > ComplianceOptions.MaxRetentionDays)
            errors["retentionDays"] = [$"At most {ComplianceOptions.MaxRetentionDays:N0} days (100 years)."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await Retention.PurgeAsync(db, days, user.UserId(), user.DisplayName(), clock.GetUtcNow().UtcDateTime, ct));
    }

    // ---- dashboard

    private static async Task<Results<Ok<Dashboard>, ValidationProblem>> GetDashboard(SayNoDb db, TimeProvider clock, CancellationToken ct,
        DateTime? from = null, DateTime? to = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is { } f && f < EarliestDate) errors["from"] = [$"No earlier than {EarliestDate:yyyy-MM-dd}."];
        if (to is { } t && t < EarliestDate) errors["to"] = [$"No earlier than {EarliestDate:yyyy-MM-dd}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var until = (to ?? clock.GetUtcNow().UtcDateTime).ToUniversalTime();
        var since = (from ?? until.AddDays(-84)).ToUniversalTime();
        if (since >= until) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["from must be before to."] });
        var range = db.Drafts.AsNoTracking().Where(d => d.CreatedAtUtc >= since && d.CreatedAtUtc < until);
        var perDay = await range.GroupBy(d => new { Day = d.CreatedAtUtc.Date, d.Category, d.Audience })
            .Select(g => new { g.Key.Day, g.Key.Category, g.Key.Audience, Count = g.LongCount() }).ToListAsync(ct);
        var perWeek = perDay
            .GroupBy(x => (Week: WeekStart(DateOnly.FromDateTime(x.Day)), x.Category, x.Audience))
            .Select(g => new WeekCount(g.Key.Week, g.Key.Category, g.Key.Audience, g.Sum(x => x.Count)))
            .OrderBy(w => w.WeekStart).ThenBy(w => w.Kind).ThenBy(w => w.Audience).ToList();
        var totals = await range.GroupBy(_ => 1).Select(g => new
        {
            Drafts = g.LongCount(),
            Sent = g.LongCount(d => d.Status == LogTypes.Sent),
            Unchanged = g.LongCount(d => d.Status == LogTypes.Sent && d.SentUnchanged == true),
            Failed = g.LongCount(d => (d.SentFailed ?? d.GeneratedFailed) != 0),
        }).SingleOrDefaultAsync(ct);
        var weeks = await WeeksAsync(db, range, since, until, ct);
        var revisionsTotal = await range.SumAsync(d => (long)d.Revisions, ct);
        var pressure = (await range.Where(d => d.Threat || d.Abusive).GroupBy(d => d.CustomerDomain)
            .OrderByDescending(g => g.LongCount()).ThenBy(g => g.Key).Take(20)
            .Select(g => new { Domain = g.Key, Threats = g.LongCount(d => d.Threat), Abusive = g.LongCount(d => d.Abusive), Drafts = g.LongCount() })
            .ToListAsync(ct)).Select(p => new DomainPressure(p.Domain, p.Threats, p.Abusive, p.Drafts)).ToList();
        var failedChecks = new List<CountDto>();
        foreach (var (name, bit) in CheckBits.All)
            failedChecks.Add(new CountDto(name, await range.LongCountAsync(d => ((d.SentFailed ?? d.GeneratedFailed) & bit) != 0, ct)));
        var drafts = totals?.Drafts ?? 0;
        var sent = totals?.Sent ?? 0;
        return TypedResults.Ok(new Dashboard(since, until, drafts, sent,
            sent == 0 ? 0 : Math.Round((double)totals!.Unchanged / sent, 4),
            drafts == 0 ? 0 : Math.Round((double)totals!.Failed / drafts, 4),
            perWeek, pressure, failedChecks, revisionsTotal, weeks));
    }

    /// <summary>Every week from <paramref name="since"/> to <paramref name="until"/>, empty ones too, so a
    /// chart's axis is time: drafts and failed checks by the week the email was first drafted, sends and
    /// edited sends by the week they were sent.</summary>
    private static async Task<List<WeekActivity>> WeeksAsync(SayNoDb db, IQueryable<DraftRecord> range, DateTime since, DateTime until, CancellationToken ct)
    {
        var drafted = await range.GroupBy(d => d.CreatedAtUtc.Date)
            .Select(g => new { Day = g.Key, Drafts = g.LongCount(), Failed = g.LongCount(d => (d.SentFailed ?? d.GeneratedFailed) != 0) }).ToListAsync(ct);
        var sent = await db.Drafts.AsNoTracking().Where(d => d.Status == LogTypes.Sent && d.SentAtUtc >= since && d.SentAtUtc < until)
            .GroupBy(d => d.SentAtUtc!.Value.Date)
            .Select(g => new { Day = g.Key, Sent = g.LongCount(), Edited = g.LongCount(d => d.SentUnchanged == false) }).ToListAsync(ct);
        var weeks = new SortedDictionary<DateOnly, WeekActivity>();
        for (var w = WeekStart(DateOnly.FromDateTime(since)); w <= DateOnly.FromDateTime(until); w = w.AddDays(7)) weeks[w] = new WeekActivity(w, 0, 0, 0, 0);
        foreach (var d in drafted)
        {
            var w = WeekStart(DateOnly.FromDateTime(d.Day));
            var a = weeks.GetValueOrDefault(w, new WeekActivity(w, 0, 0, 0, 0));
            weeks[w] = a with { Drafts = a.Drafts + d.Drafts, FailedChecks = a.FailedChecks + d.Failed };
        }
        foreach (var d in sent)
        {
            var w = WeekStart(DateOnly.FromDateTime(d.Day));
            var a = weeks.GetValueOrDefault(w, new WeekActivity(w, 0, 0, 0, 0));
            weeks[w] = a with { Sent = a.Sent + d.Sent, Edited = a.Edited + d.Edited };
        }
        return weeks.Values.ToList();
    }

    /// <summary>The earliest from or to the dashboard takes: no record predates it, and the default range
    /// counts 84 days back from to, which from year 1 would fall off the calendar.</summary>
    private static readonly DateTime EarliestDate = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)); // Monday

    // ---- helpers

    /// <summary>Reviewers see every draft; anyone else only their own.</summary>
    private static IQueryable<DraftRecord> Scope(IQueryable<DraftRecord> query, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.ComplianceReviewer)) return query;
        var me = user.UserId();
        return query.Where(d => d.UserId == me);
    }

    internal static (ReviewFilter Filter, Dictionary<string, string[]> Errors) ReadFilter(IQueryCollection q)
    {
        var errors = new Dictionary<string, string[]>();
        string? Text(string name, int max = 200)
        {
            var v = q[name].ToString().Trim();
            if (v.Length == 0) return null;
            if (v.Length > max) errors[name] = [$"At most {max} characters."];
            return v;
        }
        DateTime? Date(string name)
        {
            var v = Text(name);
            if (v is null) return null;
            if (DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
                return DateTime.SpecifyKind(d, DateTimeKind.Utc);
            errors[name] = ["Use an ISO date such as 2026-11-16 or 2026-11-16T09:00:00Z."];
            return null;
        }
        var filter = new ReviewFilter(Text("user"), Text("domain")?.ToLowerInvariant(), Text("kind"), Text("audience"), Text("flag"), Text("failedCheck"),
            Text("status"), null, Text("review"), Date("from"), Date("to"), Text("q"));
        if (filter.Flag is not (null or "threat" or "abusive" or "any")) errors["flag"] = ["Use threat, abusive or any."];
        if (filter.FailedCheck is not null && CheckBits.Bit(filter.FailedCheck) is null)
            errors["failedCheck"] = [$"Use {string.Join(", ", CheckBits.All.Select(c => c.Name))}."];
        if (filter.Status is not (null or "generated" or "inserted" or "sent" or "discarded" or "notSent"))
            errors["status"] = ["Use generated, inserted, sent, discarded or notSent."];
        if (filter.Review is not (null or "none" or "reviewed" or "escalated")) errors["review"] = ["Use none, reviewed or escalated."];
        if (filter.Audience is not (null or "commercial" or "technical" or "finance")) errors["audience"] = ["Use commercial, technical or finance."];
        var edited = Text("edited");
        if (edited is not null)
        {
            if (bool.TryParse(edited, out var e)) filter = filter with { Edited = e };
            else errors["edited"] = ["Use true (sent with changes) or false (sent unchanged)."];
        }
        if (filter.From is { } f && filter.To is { } t && f >= t) errors["to"] = ["to must be after from."];
        return (filter, errors);
    }

    internal static IQueryable<DraftRecord> Apply(SayNoDb db, IQueryable<DraftRecord> query, ReviewFilter f)
    {
        if (f.User is not null) query = query.Where(d => d.UserId == f.User);
        if (f.Domain is not null) query = query.Where(d => d.CustomerDomain == f.Domain);
        if (f.Kind is not null) query = query.Where(d => d.Category == f.Kind);
        if (f.Audience is not null) query = query.Where(d => d.Audience == f.Audience);
        query = f.Flag switch
        {
            "threat" => query.Where(d => d.Threat),
            "abusive" => query.Where(d => d.Abusive),
            "any" => query.Where(d => d.Threat || d.Abusive),
            _ => query,
        };
        if (f.FailedCheck is not null && CheckBits.Bit(f.FailedCheck) is { } bit)
            query = query.Where(d => ((d.SentFailed ?? d.GeneratedFailed) & bit) != 0);
        query = f.Status switch
        {
            null => query,
            "notSent" => query.Where(d => d.Status != LogTypes.Sent),
            var s => query.Where(d => d.Status == s),
        };
        if (f.Edited is { } edited) query = query.Where(d => d.Status == LogTypes.Sent && d.SentUnchanged == !edited);
        if (f.Review is not null) query = query.Where(d => d.Review == f.Review);
        if (f.From is { } from) query = query.Where(d => d.CreatedAtUtc >= from);
        if (f.To is { } to) query = query.Where(d => d.CreatedAtUtc < to);
        if (f.Q is not null)
        {
            var pattern = "%" + f.Q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = db.IsPostgres
                ? query.Where(d => EF.Functions.ILike(d.Subject, pattern, "\\") || EF.Functions.ILike(d.EmailSubject, pattern, "\\")
                    || EF.Functions.ILike(d.FromName, pattern, "\\") || EF.Functions.ILike(d.FromEmail, pattern, "\\") || EF.Functions.ILike(d.AskQuote!, pattern, "\\"))
                : query.Where(d => EF.Functions.Like(d.Subject, pattern, "\\") || EF.Functions.Like(d.EmailSubject, pattern, "\\")
                    || EF.Functions.Like(d.FromName, pattern, "\\") || EF.Functions.Like(d.FromEmail, pattern, "\\") || EF.Functions.Like(d.AskQuote!, pattern, "\\"));
        }
        return query;
    }

    internal static DraftSummary Summary(DraftRecord d)
    {
        var failed = d.SentFailed ?? d.GeneratedFailed;
        var flags = new List<string>(2);
        if (d.Threat) flags.Add("threat");
        if (d.Abusive) flags.Add("abusive");
        return new DraftSummary(d.Id, Utc(d.CreatedAtUtc), d.UserId, d.UserName, d.CustomerDomain, d.FromName, d.FromEmail, d.EmailSubject,
            d.Category, d.Audience, flags, d.Status, d.SentAtUtc is { } s ? Utc(s) : null, d.SentUnchanged,
            CheckBits.All.Where(c => (failed & c.Bit) != 0).Select(c => c.Name).ToList(), d.SentWarned, d.Review, d.Comments, d.TemplateVersion,
            d.Revisions, Utc(d.LatestAtUtc));
    }

    internal static LogRecordDto Dto(LogRecord r) =>
        new(r.Seq, r.Type, r.DraftId, Utc(r.AtUtc), new LogUserDto(r.UserId, r.UserName), JsonNode.Parse(r.Payload), r.Hash, r.PrevHash);

    private static DateTime Utc(DateTime d) => DateTime.SpecifyKind(d, DateTimeKind.Utc);

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(statusCode: 404, title: "Draft not found",
        detail: $"There is no draft '{AsksApi.Shorten(id)}' you can see.", type: Problems + "not-found");
}
