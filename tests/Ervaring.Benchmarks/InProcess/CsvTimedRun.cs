using System.Diagnostics;
using System.Globalization;
using Ervaring.Core.Csv;

namespace Ervaring.Benchmarks.InProcess;

/// <summary>
/// A small timed run of the two CSV paths, without BenchmarkDotNet, for comparing CSV implementations on a busy
/// machine (docs/benchmarks.md, "Frame import: CsvHelper"): <see cref="FrameImportBenchmarks.Import"/> on a
/// synthetic frame of N clients, and <see cref="SafeCsv.ToUtf8Bytes"/> on an export of N rows shaped like the
/// mail-merge file (reference, audience, link, code), some cells needing quotes or an apostrophe.
/// One warm-up run each, then <c>runs</c> timed runs; prints the median, min and max wall time, the median CPU time of
/// the process (less sensitive to other work on a shared machine) and the bytes allocated per run.
/// </summary>
public static class CsvTimedRun
{
    public static void Run(int n, int runs)
    {
        var frames = new FrameImportBenchmarks { Clients = n };
        frames.Setup();
        Report($"frame import (parse + validate), {n:N0} clients, CSV {frames.CsvBytes / 1024.0 / 1024.0:0.0} MB", runs, () => frames.Import());

        var rows = new List<IEnumerable<string?>>(n + 1) { new[] { "clientreferentie", "doelgroep", "link", "code" } };
        for (var i = 0; i < n; i++)
        {
            var reference = i % 100 == 0 ? $"=K{i},1" : i % 10 == 0 ? $"VB;{i:D6}" : $"VB-{i:D6}";
            rows.Add([reference, i % 2 == 0 ? "ouders" : "jongeren", $"https://ervaring.example.nl/s/?t=Tok{i:D8}abcdefghijklmnopqrstuvwxyz0123", $"ABCD-EFGH-{i % 10000:D4}"]);
        }

        var size = SafeCsv.ToUtf8Bytes(rows).Length;
        Report($"export (SafeCsv.ToUtf8Bytes), {n:N0} rows × 4 cells, {size / 1024.0 / 1024.0:0.0} MB", runs, () => SafeCsv.ToUtf8Bytes(rows).Length);
    }

    private static void Report(string what, int runs, Func<int> run)
    {
        run();
        var times = new List<double>(runs);
        var cpu = new List<double>(runs);
        long allocated = 0;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            run();
            times.Add(sw.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: median {Median(times):0.0} ms (min {times[0]:0.0}, max {times[^1]:0.0}, {runs} runs), CPU median {Median(cpu):0.0} ms, allocated {allocated / 1024.0 / 1024.0:0.0} MB/run"));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
