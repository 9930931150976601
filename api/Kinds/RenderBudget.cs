using System.ComponentModel.DataAnnotations;

namespace OutlookSayNo.Kinds;

/// <summary>How much work one template render may do (configuration section Templates:RenderBudget).
/// The shipped templates take fewer than 500 steps and well under a millisecond; the budget stops
/// templates that do far more, such as calls that fan out, which no Scriban limit counts.</summary>
public sealed class RenderBudget
{
    public const string Section = "Templates:RenderBudget";

    /// <summary>Scriban evaluation steps one render may take: each statement and each evaluation Scriban
    /// makes through its context (function calls, loop bodies, interpolations), in every partial. Deterministic,
    /// so a template over it is over it on any machine, and the save gate sees what a draft would.</summary>
    [Range(1_000, 100_000_000)]
    public long MaxSteps { get; set; } = 100_000;

    /// <summary>Milliseconds one render may take: the backstop for steps that are each slow (builtins over
    /// long texts, regexes), which the step count cannot see. A second, not 250 ms: a save on a machine
    /// busy with other work renders a thousand drafts, and one of them paused by the collector must not
    /// refuse a sound template (a clean-clone CI run saw that once at 250 ms).</summary>
    [Range(10, 60_000)]
    public int WallClockMilliseconds { get; set; } = 1_000;

    /// <summary>The defaults, for renders outside the app's services (tools, benchmarks, tests).</summary>
    public static RenderBudget Default => new();
}

public static class RenderBudgetSetup
{
    public static IHostApplicationBuilder AddSayNoRenderBudget(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RenderBudget>().Bind(builder.Configuration.GetSection(RenderBudget.Section)).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
