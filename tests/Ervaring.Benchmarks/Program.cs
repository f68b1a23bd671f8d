using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Ervaring.Benchmarks.Http;
using Ervaring.Benchmarks.InProcess;
using Ervaring.Benchmarks.Measure;
using Ervaring.Benchmarks.RCompare;
using Ervaring.Benchmarks.Storage;

namespace Ervaring.Benchmarks;

public static class BenchmarkMain
{
    public static async Task<int> Main(string[] args)
    {
        // Ervaring benchmarks. Usage:
        //   Ervaring.Benchmarks [--smoke] [--no-bdn] [--mixing 10000,100000] [--out results.md]
        //   Ervaring.Benchmarks --csv 100000 [--runs 10]   (frame import and export writing alone, timed)
        // --smoke   every benchmark once at the smallest size (no BenchmarkDotNet), for the test suite.
        // --no-bdn  full sizes, but one timed run per case instead of BenchmarkDotNet's iterations.
        if (Option(args, "--profile-aggregation") is { } profileSize)
        {
            // For dotnet-trace: one aggregation run and nothing else (see docs/benchmarks.md).
            var n = int.Parse(profileSize, CultureInfo.InvariantCulture);
            var stream = new SyntheticResponseStream(SyntheticResponseStream.LoadOuders(), n);
            var sw = Stopwatch.StartNew();
            long seen = 0;
            foreach (var (who, _) in stream.Responses(n)) seen += who.Referrer.Length;
            Console.WriteLine($"generator alone {n}: {sw.Elapsed.TotalSeconds:0.00} s ({seen})");
            sw.Restart();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var result = AggregationBenchmarks.Run(stream, n);
            Console.WriteLine($"cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.00} s, allocated {(GC.GetAllocatedBytesForCurrentThread() - allocated) / n} B/response");
            Console.WriteLine($"aggregation {n}: {sw.Elapsed.TotalSeconds:0.00} s (streaming {result.Accumulate.TotalSeconds:0.00} s), {result.Rows} rows");
            return 0;
        }

        if (Option(args, "--csv") is { } csvSize)
        {
            // The CSV paths alone (docs/benchmarks.md, "Frame import: CsvHelper"): seconds instead of minutes.
            Console.WriteLine($"CSV timed run on {Machine.Describe()}, commit {Machine.Commit()}");
            CsvTimedRun.Run(int.Parse(csvSize, CultureInfo.InvariantCulture), int.Parse(Option(args, "--runs") ?? "10", CultureInfo.InvariantCulture));
            return 0;
        }

        if (Option(args, "--cold-start") is { } appDll)
        {
            // Cold start of one app build: process start → first survey page, and → first /health (docs/benchmarks.md).
            var appArgs = (Option(args, "--app-args") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var runs = int.Parse(Option(args, "--runs") ?? "10", CultureInfo.InvariantCulture);
            var cold = await ColdStart.MeasureAsync(appDll, appArgs, runs);
            Console.WriteLine($"cold start of {cold.App} on {Machine.Describe()}, {cold.Runs} starts each:");
            Console.WriteLine($"  process start -> first survey page: median {cold.SurveyMedianMs:0} ms (min {cold.SurveyMinMs:0}, max {cold.SurveyMaxMs:0})");
            Console.WriteLine($"  process start -> first /health:      median {cold.HealthMedianMs:0} ms");
            return 0;
        }

        if (Option(args, "--survey-load") is { } surveyRate)
        {
            // Survey page GET and submit POST side by side in one run against the real app (issue 13's comparison).
            var rate = int.Parse(surveyRate, CultureInfo.InvariantCulture);
            var seconds = int.Parse(Option(args, "--seconds") ?? "15", CultureInfo.InvariantCulture);
            await using var live = await LiveApp.StartAsync();
            var survey = await SurveyLoad.RunAsync(live, rate, TimeSpan.FromSeconds(seconds));
            Console.WriteLine($"survey load on {Machine.Describe()}, {rate}/s for {seconds} s each:");
            foreach (var r in new[] { survey.Render, survey.Submit })
                Console.WriteLine($"  {r}");
            return 0;
        }

        var smoke = args.Contains("--smoke");
        var useBdn = !smoke && !args.Contains("--no-bdn");
        var outPath = Option(args, "--out");
        var mixingSizes = (Option(args, "--mixing") ?? (smoke ? "200" : "10000")).Split(',').Select(int.Parse).ToArray();
        int[] sizes = smoke ? [10_000] : [10_000, 100_000, 1_000_000];
        var table = new ResultTable();
        var total = Stopwatch.StartNew();

        Console.WriteLine($"Ervaring benchmarks ({(smoke ? "smoke: one run per benchmark, smallest size" : "full")}) on {Machine.Describe()}");

        // 1. In-process: frame import, sampling, aggregation (BenchmarkDotNet for time and allocations; one extra
        //    measured run per case for peak memory, which BenchmarkDotNet does not report).
        Dictionary<(string, int), (double MeanNs, long? Allocated)> bdn = [];
        if (useBdn)
        {
            var job = Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
                .WithInvocationCount(1).WithUnrollFactor(1);
            var config = ManualConfig.CreateEmpty()
                .AddJob(job)
                .AddDiagnoser(MemoryDiagnoser.Default)
                .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance)
                .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "ervaring-bench-bdn"))
                .WithOptions(ConfigOptions.JoinSummary);
            foreach (var summary in BenchmarkRunner.Run([typeof(FrameImportBenchmarks), typeof(AggregationBenchmarks)], config))
                foreach (var report in summary.Reports)
                {
                    var size = Convert.ToInt32(report.BenchmarkCase.Parameters.Items[0].Value, CultureInfo.InvariantCulture);
                    bdn[(report.BenchmarkCase.Descriptor.WorkloadMethod.Name, size)] =
                        (report.ResultStatistics?.Mean ?? double.NaN, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase));
                }
        }

        foreach (var n in sizes)
        {
            var frames = new FrameImportBenchmarks { Clients = n };
            frames.Setup();
            foreach (var (name, run) in new (string, Func<int>)[] { ("Import", frames.Import), ("Sample", frames.Sample), ("ImportAndSample", frames.ImportAndSample) })
            {
                GC.Collect();
                var m = PeakMemory.Once(() => run());
                table.InProcess(Label(name), n, "clients", m, bdn.GetValueOrDefault((name, n)), name == "Import" ? $"CSV {Bytes(frames.CsvBytes)}" : null);
            }
            frames = null;

            var aggregation = new AggregationBenchmarks { Responses = n };
            aggregation.Setup();
            GC.Collect();
            TimeSpan accumulate = default;
            int rows = 0, collapses = 0;
            var am = PeakMemory.Once(() => (rows, _, _, accumulate, collapses) = AggregationBenchmarks.Run(aggregation.Stream, n));
            table.InProcess("aggregation → report tables", n, "responses", am, bdn.GetValueOrDefault(("Aggregate", n)),
                $"streaming in {accumulate.TotalSeconds:0.00} s, tables {(am.Elapsed - accumulate).TotalSeconds:0.00} s; {rows} rows; {collapses} collapses");
        }

        // 2. R's survey package on the same data.
        foreach (var n in smoke ? new[] { 2_000 } : [10_000, 100_000])
        {
            var r = await RComparison.RunAsync(n, TimeSpan.FromMinutes(smoke ? 1 : 10));
            table.RComparison(r);
        }

        // 3. Against the real app on Azurite over loopback: survey page and submit, mixing, raw storage writes.
        await using (var live = await LiveApp.StartAsync())
        {
            var raw = await RawTableWrites.RunAsync(live.Azurite.ConnectionString, smoke ? 500 : 20_000);
            var survey = await SurveyLoad.RunAsync(live, smoke ? 20 : 200, TimeSpan.FromSeconds(smoke ? 1 : 15));
            table.Http(survey, raw);
            foreach (var n in mixingSizes)
            {
                var mixing = await MixingBenchmark.RunAsync(live, n);
                table.Mixing(mixing);
            }
            table.Raw(raw);
        }

        total.Stop();
        var text = table.Render(smoke, total.Elapsed);
        Console.WriteLine();
        Console.WriteLine(text);
        if (outPath is not null) await File.WriteAllTextAsync(outPath, text);
        return 0;
    }

    static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    static string Label(string method) => method switch
    {
        "Import" => "frame import (parse + validate)",
        "Sample" => "sampling (draw on parsed frame)",
        _ => "frame import + sampling",
    };

    static string Bytes(long b) => ResultTable.Bytes(b);
}
