using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/OutlookSayNo.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/OutlookSayNo.Benchmarks -- model-memory
// dotnet run -c Release --project tests/OutlookSayNo.Benchmarks -- libs-probe   (issue 14: one timed call per library case, CSV injection, AngleSharp offsets)
// dotnet run -c Release --project tests/OutlookSayNo.Benchmarks -- log [--store sqlite|postgres] [--records 1000000]
// dotnet run -c Release --project tests/OutlookSayNo.Benchmarks -- crash [--store sqlite|postgres] [--rounds 10] [--clients 32]
// dotnet run -c Release --project tests/OutlookSayNo.Benchmarks -- soak [--store sqlite|postgres] [--drafts 100000] [--clients 32]
switch (args.FirstOrDefault())
{
    case "model-memory":
        Console.WriteLine($"one catalog with its word models keeps {OutlookSayNo.Benchmarks.ReaderModelBenchmarks.RetainedBytes() / 1024.0 / 1024.0:0.0} MB of managed memory alive");
        return;
    case "libs-probe": OutlookSayNo.Benchmarks.LibraryProbe.Run(); return;
    case "log": await OutlookSayNo.Benchmarks.LogBench.RunAsync(args[1..]); return;
    case "crash": await OutlookSayNo.Benchmarks.Reliability.CrashAsync(args[1..]); return;
    case "soak": await OutlookSayNo.Benchmarks.Reliability.SoakAsync(args[1..]); return;
}
BenchmarkSwitcher.FromAssembly(typeof(OutlookSayNo.Benchmarks.ClassifyBenchmarks).Assembly).Run(args);
