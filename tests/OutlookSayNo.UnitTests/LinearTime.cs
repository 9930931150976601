using System.Diagnostics;

namespace OutlookSayNo.UnitTests;

/// <summary>Timing assertions that hold on a slow, busy two-core machine yet fail on superlinear work:
/// the full size takes at most three times as long as half the size (twice the input doubles linear work,
/// quadruples quadratic work), give or take a few milliseconds of noise, and no run hangs. How fast a size
/// is read is a speed target, measured by the benchmarks, not asserted here.</summary>
internal static class LinearTime
{
#if DEBUG
    // The API built for debugging runs its regexes unoptimised: several times slower than Release.
    public const double Scale = 6;
#else
    public const double Scale = 1;
#endif

    public const int Size = 256 * 1024;

    /// <summary>Time linear in the size, judged only relative to itself: the full size takes at most three times
    /// as long as half of it. Each round times both sizes once; the fastest time of each so far is compared,
    /// so a busy machine costs more rounds, not a failure, while doubled input that quadruples the work fails
    /// every round. A single run past <paramref name="hang"/> fails at once.</summary>
    public static void AssertRelative(string what, Func<int, string> make, Action<string> work, TimeSpan hang, int size = Size, double slackMs = 25, int rounds = 10)
    {
        work(make(4096)); // the first call compiles
        var (half, full) = (make(size / 2), make(size));
        double h = double.MaxValue, f = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            // A collection before each run: otherwise the run that crosses the large-object budget pays for
            // a full collection of the whole test process, a step in time that is not the work's.
            GC.Collect();
            h = Math.Min(h, Time(what, half, work, hang / 4));
            GC.Collect();
            f = Math.Min(f, Time(what, full, work, hang / 4));
            if (f <= 3 * h + slackMs * Scale) return;
        }
        throw new Xunit.Sdk.XunitException($"{what}: {full.Length:N0} characters took {f:0} ms at best, {half.Length:N0} took {h:0} ms: more than linear");
    }

    /// <summary>The bytes the work allocates grow at most three times when the input doubles (linear work
    /// doubles them, a copy of the rest of the text at each place quadruples them). Bytes allocated do not
    /// depend on what else the machine runs, so this holds on a busy machine where a timing may not.</summary>
    public static void AssertAllocations(string what, Func<int, string> make, Action<string> work, int size = Size, long slackBytes = 256 * 1024)
    {
        work(make(4096)); // the first call compiles and fills caches
        var (half, full) = (make(size / 2), make(size));
        var (h, f) = (Allocated(half, work), Allocated(full, work));
        if (f > 3 * h + slackBytes)
            throw new Xunit.Sdk.XunitException($"{what}: {full.Length:N0} characters allocated {f:N0} bytes, {half.Length:N0} allocated {h:N0}: more than linear");
    }

    private static long Allocated(string input, Action<string> work)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        work(input);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>One input within the limit (measured twice when the first run is over it).</summary>
    public static void Within(string what, string input, Action<string> work, TimeSpan limit)
    {
        work(input.Length > 4096 ? input[..4096] : input); // the first call compiles
        var ms = Time(what, input, work, limit);
        if (ms > limit.TotalMilliseconds) ms = Math.Min(ms, Time(what, input, work, limit));
        if (ms > limit.TotalMilliseconds)
            throw new Xunit.Sdk.XunitException($"{what}: {input.Length:N0} characters took {ms:0} ms, more than {limit.TotalMilliseconds:0} ms");
    }

    /// <summary>Milliseconds for one run; a run four times past the limit fails at once (a hang, not a slow machine).</summary>
    public static double Time(string what, string input, Action<string> work, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var run = Task.Run(() => work(input));
        if (!run.Wait(limit * 4))
            throw new Xunit.Sdk.XunitException($"{what}: {input.Length:N0} characters were not read within {(limit * 4).TotalSeconds:0.#} s");
        return watch.Elapsed.TotalMilliseconds;
    }

    public static TimeSpan Ms(double releaseMs) => TimeSpan.FromMilliseconds(releaseMs * Scale);
}
