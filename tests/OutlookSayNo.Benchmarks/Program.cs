using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/OutlookSayNo.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(OutlookSayNo.Benchmarks.ClassifyBenchmarks).Assembly).Run(args);
