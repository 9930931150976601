using System.Diagnostics;
using System.Text.RegularExpressions;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace OutlookSayNo.Kinds;

/// <summary>Renders catalog templates safely: a fresh context per render, explicit data only,
/// hard limits, includes only from the catalog's partials.</summary>
public static partial class TemplateRenderer
{
    public const int LoopLimit = 500;
    public const int RecursiveLimit = 16;
    public const int OutputLimit = 40_000;

    // The built-in functions (string.*, array.*, ...) are the same for every render; building them is
    // most of a context's cost, so one read-only set is shared.
    private static readonly ScriptObject Builtins = CreateBuiltins();

    private static ScriptObject CreateBuiltins()
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        // eval runs text built at render time, which the static check (TemplateAnalysis) cannot see.
        if (builtins["object"] is ScriptObject objectFunctions)
        {
            objectFunctions.Remove("eval");
            objectFunctions.Remove("eval_template");
        }
        builtins.IsReadOnly = true;
        return builtins;
    }

    /// <summary>Renders under <paramref name="budget"/> (the defaults when null); a render over it throws
    /// <see cref="TemplateBudgetException"/>.</summary>
    public static string Render(Template template, ScriptObject model, KindCatalog catalog, CancellationToken cancellationToken, RenderBudget? budget = null)
    {
        var context = new LimitedContext(Builtins, budget ?? RenderBudget.Default, cancellationToken)
        {
            LoopLimit = LoopLimit,
            LoopLimitQueryable = LoopLimit,
            RecursiveLimit = RecursiveLimit,
            ObjectRecursionLimit = 8,
            LimitToString = OutputLimit,
            OutputLimit = OutputLimit,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            OnStringLimit = ScriptLimitBehavior.Throw,
            RegexTimeOut = TimeSpan.FromMilliseconds(100),
            StrictVariables = true,
            EnableRelaxedMemberAccess = true,
            // Only ScriptObjects are exposed, never .NET objects, so no member can reach reflection.
            MemberFilter = _ => false,
            TemplateLoader = new PartialLoader(catalog),
            CancellationToken = cancellationToken,
        };
        foreach (var (name, partial) in catalog.Partials)
            context.CachedTemplates[PartialLoader.KeyOf(name)] = partial;
        context.PushGlobal(model);
        // Assignments in a template land in this scope, never in the shared model.
        context.PushGlobal(new ScriptObject());
        try
        {
            return template.Render(context);
        }
        // The context stops a render from inside Scriban, which may wrap what it throws (a call through a
        // builtin), so ask the context and the token why it stopped rather than trust the exception type.
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The template render was cancelled.", cancellationToken);
        }
        catch (Exception) when (context.OverBudget is { } over)
        {
            // A line and column only when they are in this template, not in a partial it included.
            var here = context.StoppedIn is null || context.StoppedIn == template.SourceFilePath;
            throw new TemplateBudgetException(template.SourceFilePath ?? "template", here ? over : $"{over} It stopped in {context.StoppedIn}.",
                here ? Place(context.StoppedAt, template) : null);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new TemplateRenderException(template.SourceFilePath ?? "template", ex.OriginalMessage, Place(ex.Span, template));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (InvalidOperationException ex)
        {
            throw new TemplateRenderException(template.SourceFilePath ?? "template", ex.Message, null);
        }
    }

    /// <summary>Where an error happened, or null when Scriban only knows "somewhere in the template":
    /// no file, or the span of the whole page (a limit hit while writing a value out).</summary>
    private static SourceSpan? Place(SourceSpan span, Template template)
    {
        if (span.FileName is null) return null;
        var page = template.Page?.Span;
        return page is { } p && span.Start.Offset == p.Start.Offset && span.End.Offset == p.End.Offset ? null : span;
    }

    /// <summary>Counts and times every step of a render against its budget, and caps every text value a
    /// template computes, not only the output: Scriban checks LimitToString in most builtins and operators
    /// but not in interpolated strings, so <c>x = $"{x}{x}"</c> in a loop could otherwise grow without
    /// bound before any limit applies.</summary>
    private sealed class LimitedContext(ScriptObject builtins, RenderBudget budget, CancellationToken cancellationToken) : TemplateContext(builtins)
    {
        // Checking the clock and the token every step would cost more than the step; every 64th is within
        // microseconds of the limit.
        private const int ClockEvery = 64;

        private readonly long _maxSteps = budget.MaxSteps;
        // Stopwatch, not the app's TimeProvider: the budget is this machine's real time, which tests do not fake.
        private readonly long _deadline = Stopwatch.GetTimestamp() + budget.WallClockMilliseconds * Stopwatch.Frequency / 1000;
        private readonly int _wallClockMilliseconds = budget.WallClockMilliseconds;
        private long _steps;

        /// <summary>Why the render went over its budget; null while it is within.</summary>
        public string? OverBudget { get; private set; }
        public SourceSpan StoppedAt { get; private set; }
        public string? StoppedIn { get; private set; }

        public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
        {
            // Scriban evaluates each statement, function call and loop body through here (sub-expressions
            // mostly not), so the count bounds the work whatever construct does it.
            if (++_steps > _maxSteps)
                Stop(scriptNode, $"The render went over its budget of {_maxSteps:N0} steps: the template does far more work than a reply needs (calls that fan out, or loops over loops).");
            if (_steps % ClockEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Stopwatch.GetTimestamp() > _deadline)
                    Stop(scriptNode, $"The render went over its budget of {_wallClockMilliseconds} ms after {_steps:N0} steps: the template does far more work than a reply needs.");
            }
            var value = base.Evaluate(scriptNode, aliasReturnedFunction);
            if (value is string { Length: > TemplateRenderer.OutputLimit } text)
                throw new ScriptRuntimeException(scriptNode?.Span ?? default,
                    $"A text of {text.Length} characters exceeds LimitToString `{TemplateRenderer.OutputLimit}` (the output limit).");
            return value;
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private void Stop(ScriptNode? at, string why)
        {
            OverBudget = why;
            StoppedAt = at?.Span ?? default;
            StoppedIn = CurrentSourceFile;
            throw new ScriptRuntimeException(StoppedAt, why);
        }
    }

    /// <summary>Resolves <c>include 'name'</c> to a partial of the catalog and nothing else: no paths.</summary>
    private sealed partial class PartialLoader(KindCatalog catalog) : ITemplateLoader
    {
        public static string KeyOf(string name) => "partial:" + name;

        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
        {
            if (!NameRegex().IsMatch(templateName) || !catalog.Partials.ContainsKey(templateName))
                throw new ScriptRuntimeException(callerSpan,
                    $"include '{templateName}': only the partials in templates/{KindCatalog.PartialsFolder} can be included ({string.Join(", ", catalog.Partials.Keys)}).");
            return KeyOf(templateName);
        }

        // Never reached: every partial is pre-parsed into the context's cache.
        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            throw new ScriptRuntimeException(callerSpan, $"include '{templatePath}' is not available.");

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));

        [GeneratedRegex(@"^[a-z0-9_\-]{1,40}$")]
        private static partial Regex NameRegex();
    }
}

/// <summary>A template stopped while rendering; line and column (1-based) are null when Scriban
/// gave no place (a limit hit while writing a value out).</summary>
public class TemplateRenderException(string template, string reason, SourceSpan? span)
    : Exception($"{template}: {reason}")
{
    /// <summary>The document path, e.g. discount/commercial.scriban (discount/kind.json for an alternative text).</summary>
    public string Template { get; } = template;
    public string Reason { get; } = reason;
    public int? Line { get; } = span is { } s ? s.Start.Line + 1 : null;
    public int? Column { get; } = span is { } s ? s.Start.Column + 1 : null;

    /// <summary>The kind the template belongs to, when its path says.</summary>
    public string? Kind => CatalogDocuments.TemplateOf(Template)?.Kind ?? CatalogDocuments.KindOfDefinition(Template);
    /// <summary>The audience of a kind's template; null for partials and alternative texts.</summary>
    public string? Audience => CatalogDocuments.TemplateOf(Template)?.Audience;
}

/// <summary>A render went over its <see cref="RenderBudget"/>: the template does far more work than a
/// reply needs, at least for this email. Each render of it with the same input would too.</summary>
public sealed class TemplateBudgetException(string template, string reason, SourceSpan? span)
    : TemplateRenderException(template, reason, span);
