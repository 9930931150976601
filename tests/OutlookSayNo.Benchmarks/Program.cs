using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/OutlookSayNo.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/OutlookSayNo.Benchmarks -- log [--store sqlite|postgres] [--records 1000000]
if (args.Length > 0 && args[0] == "log")
{
    await OutlookSayNo.Benchmarks.LogBench.RunAsync(args[1..]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(OutlookSayNo.Benchmarks.ClassifyBenchmarks).Assembly).Run(args);
