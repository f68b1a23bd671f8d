using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Ervaring.Benchmarks.Http;
using Ervaring.Benchmarks.Measure;
using Ervaring.Benchmarks.RCompare;
using Ervaring.Benchmarks.Storage;

namespace Ervaring.Benchmarks;

/// <summary>Collects every figure of a run and prints them as one markdown table, with the targets checked.</summary>
public sealed class ResultTable
{
    private readonly List<string[]> _rows = [];
    private readonly List<string> _targets = [];
    private readonly List<string> _notes = [];
    private double _submitRate;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public void InProcess(string what, int size, string unit, Measured once, (double MeanNs, long? Allocated) bdn, string? note)
    {
        var hasBdn = bdn.MeanNs > 0 && !double.IsNaN(bdn.MeanNs);
        var seconds = hasBdn ? bdn.MeanNs / 1e9 : once.Elapsed.TotalSeconds;
        var allocated = hasBdn && bdn.Allocated is { } a ? a : once.Allocated;
        _rows.Add([what, $"{size:N0} {unit}".Replace(',', '.'), Seconds(seconds) + (hasBdn ? "" : " ¹"), Bytes(allocated), Bytes(once.PeakHeap), Bytes(once.PeakWorkingSet), note ?? ""]);
        if (what.StartsWith("sampling", StringComparison.Ordinal) && size == 1_000_000)
            _targets.Add(Check("sampling 1M clients < 5 s (draw on a parsed frame)", seconds < 5, Seconds(seconds)));
        if (what == "frame import + sampling" && size == 1_000_000)
            _targets.Add(Check("frame import + sampling 1M clients < 5 s (stricter reading of the target)", seconds < 5, Seconds(seconds)));
        if (what.StartsWith("aggregation", StringComparison.Ordinal) && size == 1_000_000)
            _targets.Add(Check("aggregation 1M responses < 10 s", seconds < 10, Seconds(seconds)));
        if (what.StartsWith("aggregation", StringComparison.Ordinal))
            _aggregationPeaks.Add((size, once.PeakHeap));
    }

    private readonly List<(int Size, long PeakHeap)> _aggregationPeaks = [];

    public void RComparison(RComparison.Outcome r)
    {
        if (!r.Available)
        {
            _rows.Add(["R survey (svymean/svyby), same data", $"{r.Responses:N0} responses".Replace(',', '.'), "—", "", "", "", $"not run: {r.Missing}"]);
            return;
        }
        _rows.Add(["R survey (svymean/svyby), same data", $"{r.Responses:N0} responses".Replace(',', '.'), Seconds(r.RSeconds), "", "", "",
            $"ours {Seconds(r.OursSeconds)} = **{r.Ratio.ToString("0.000", C)}× R's time**; CSV read by R {Seconds(r.RReadSeconds)} not counted; " +
            $"{r.Compared} estimates compared, max |Δ estimate| {r.MaxEstimateDiff.ToString("0.0e0", C)}, max |Δ SE| {r.MaxSeDiff.ToString("0.0e0", C)}; {r.Collapses} collapses"]);
    }

    public void Http(SurveyLoad.Outcome s, RawTableWrites.Outcome raw)
    {
        foreach (var l in new[] { s.Render, s.Submit })
        {
            var statuses = string.Join(", ", l.StatusCounts.OrderBy(k => k.Key).Select(k => $"{(k.Key == 0 ? "no response" : k.Key.ToString(C))}: {k.Value}"));
            _rows.Add([l.Name, $"{l.TargetRate}/s × {l.Sent}", $"p50 {Ms(l.P50Ms)}, p99 {Ms(l.P99Ms)}", "", "", "",
                $"achieved {l.AchievedRate.ToString("0", C)}/s; max {Ms(l.MaxMs)}; {l.Succeeded} ok ({statuses}){(l.Truncated ? "; STOPPED AT TIME LIMIT" : "")}; response {Bytes(l.BytesPerResponse)}"]);
        }
        _rows.Add(["survey page size", "1 page", "", "", "", "", $"HTML {Bytes(s.PageHtmlBytes)}, with linked CSS/JS {Bytes(s.PageAssetBytes)} (uncompressed)"]);
        _submitRate = s.Submit.AchievedRate;
        _targets.Add(Check($"survey submit p99 < 100 ms at {s.Submit.TargetRate}/s", s.Submit.Held(100), $"p99 {Ms(s.Submit.P99Ms)}, {s.Submit.AchievedRate.ToString("0", C)}/s, {s.Submit.Failed} failed"));
        _targets.Add(Check($"survey page p99 < 100 ms at {s.Render.TargetRate}/s", s.Render.Held(100), $"p99 {Ms(s.Render.P99Ms)}, {s.Render.AchievedRate.ToString("0", C)}/s, {s.Render.Failed} failed"));
        _targets.Add(Check("survey page < 50 KB (HTML + linked CSS/JS)", s.PageAssetBytes < 50 * 1024, Bytes(s.PageAssetBytes)));
        _notes.Add($"Survey set-up (census wave of {s.Invitations} invitations through the admin API) took {s.Setup.TotalSeconds.ToString("0.0", C)} s, not counted.");
    }

    public void Mixing(MixingBenchmark.Outcome m)
    {
        _rows.Add(["nightly mixing (MixAsync, forced)", $"{m.Responses:N0} responses".Replace(',', '.'), Seconds(m.Measured.Elapsed.TotalSeconds), Bytes(m.Measured.Allocated) + " ²",
            Bytes(m.Measured.PeakHeap), Bytes(m.Measured.PeakWorkingSet), $"{m.PerSecond.ToString("0", C)} responses/s; set-up {m.Setup.TotalSeconds.ToString("0", C)} s not counted"]);
    }

    public void Raw(RawTableWrites.Outcome raw)
    {
        _rows.Add(["raw Table Storage writes (batches of 100)", $"{raw.Entities:N0} entities".Replace(',', '.'), Seconds(raw.Elapsed.TotalSeconds), "", "", "",
            $"{raw.PerSecond.ToString("0", C)} entities/s (~{Bytes(raw.EntityBytes)} each); submit path = **{(_submitRate / raw.PerSecond * 100).ToString("0.0", C)} %** of it"]);
    }

    public string Render(bool smoke, TimeSpan total)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Machine.Commit()}, {(smoke ? "SMOKE (one run, smallest size — not a measurement)" : "full")}; {Machine.Describe()}");
        sb.AppendLine();
        sb.AppendLine("| benchmark | size | time | allocated | peak GC heap Δ | peak working set | notes |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in _rows) sb.AppendLine("| " + string.Join(" | ", r) + " |");
        sb.AppendLine();
        if (_aggregationPeaks.Count > 1)
        {
            var (small, large) = (_aggregationPeaks.MinBy(p => p.Size), _aggregationPeaks.MaxBy(p => p.Size));
            _targets.Add(Check($"aggregation memory flat in responses (peak GC heap {Bytes(small.PeakHeap)} at {small.Size:N0} → {Bytes(large.PeakHeap)} at {large.Size:N0})",
                large.PeakHeap < Math.Max(2 * small.PeakHeap, small.PeakHeap + 32L * 1024 * 1024), ""));
        }
        foreach (var t in _targets) sb.AppendLine("- " + t);
        sb.AppendLine();
        sb.AppendLine("time: BenchmarkDotNet mean (in-process toolchain, 1 warm-up + 3 measured runs) unless marked ¹ (one timed run). " +
                      "allocated: bytes allocated per operation (BenchmarkDotNet MemoryDiagnoser; ² whole process during the run). " +
                      "peak GC heap Δ: highest managed heap in use during one run above the live heap before it (sampled every 5 ms). " +
                      "peak working set: resident memory of the whole benchmark process (app, BenchmarkDotNet, earlier cases) during that run. HTTP latency from each request's scheduled time (open model).");
        foreach (var n in _notes) sb.AppendLine(n);
        sb.AppendLine($"Total run time {total.TotalMinutes.ToString("0.0", C)} min.");
        return sb.ToString();
    }

    private static string Check(string what, bool met, string figure) => $"{(met ? "MET" : "MISSED")}: {what}{(figure.Length > 0 ? $" — {figure}" : "")}";

    public static string Seconds(double s) => s >= 1 ? s.ToString("0.00", C) + " s" : (s * 1000).ToString("0.0", C) + " ms";
    public static string Ms(double ms) => ms.ToString("0.0", C) + " ms";

    public static string Bytes(long b) => b switch
    {
        >= 1L << 30 => (b / (double)(1L << 30)).ToString("0.00", C) + " GB",
        >= 1L << 20 => (b / (double)(1L << 20)).ToString("0.0", C) + " MB",
        >= 1L << 10 => (b / 1024.0).ToString("0.0", C) + " KB",
        _ => b.ToString(C) + " B",
    };
}

public static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null;
        var mem = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null;
        return $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {mem ?? "?"} RAM, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}";
    }

    public static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var sha = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return sha.Length > 0 ? sha : "unknown";
        }
        catch (Exception) { return "unknown"; }
    }
}
