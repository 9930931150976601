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

    public static string Render(Template template, ScriptObject model, KindCatalog catalog, CancellationToken cancellationToken)
    {
        var context = new LimitedContext(Builtins)
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
        catch (ScriptAbortException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The template render was cancelled.", cancellationToken);
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

    /// <summary>Caps every text value a template computes, not only the output: Scriban checks
    /// LimitToString in most builtins and operators but not in interpolated strings, so
    /// <c>x = $"{x}{x}"</c> in a loop could otherwise grow without bound before any limit applies.</summary>
    private sealed class LimitedContext(ScriptObject builtins) : TemplateContext(builtins)
    {
        public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
        {
            var value = base.Evaluate(scriptNode, aliasReturnedFunction);
            if (value is string { Length: > TemplateRenderer.OutputLimit } text)
                throw new ScriptRuntimeException(scriptNode?.Span ?? default,
                    $"A text of {text.Length} characters exceeds LimitToString `{TemplateRenderer.OutputLimit}` (the output limit).");
            return value;
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
public sealed class TemplateRenderException(string template, string reason, SourceSpan? span)
    : Exception($"{template}: {reason}")
{
    public string Template { get; } = template;
    public string Reason { get; } = reason;
    public int? Line { get; } = span is { } s ? s.Start.Line + 1 : null;
    public int? Column { get; } = span is { } s ? s.Start.Column + 1 : null;
}
