using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ervaring.Benchmarks.InProcess;
using Ervaring.Core.Reports;
using Ervaring.Core.Surveys;

namespace Ervaring.Benchmarks.RCompare;

/// <summary>
/// The same estimates by R's survey package on the same data: the response stream is written to a temporary
/// CSV (stratum h, N_h, the breakdowns, one 0/1 or mark column per estimated item, NA when not valid), R runs
/// estimates.R, and its figures are compared with the region-scope rows Ervaring computed.
/// </summary>
public static class RComparison
{
    public sealed record Outcome(
        bool Available, string? Missing, long Responses, double RSeconds, double RReadSeconds, double OursSeconds,
        int Compared, double MaxEstimateDiff, double MaxSeDiff, int Collapses)
    {
        public double Ratio => OursSeconds / RSeconds;
    }

    public static async Task<Outcome> RunAsync(int responses, TimeSpan timeout)
    {
        if (!Exists("Rscript")) return new Outcome(false, "Rscript niet gevonden", responses, 0, 0, 0, 0, 0, 0, 0);
        var stream = new SyntheticResponseStream(SyntheticResponseStream.LoadOuders(), responses);
        var started = Stopwatch.GetTimestamp();
        var (_, estimatedItems, estimates, _, collapses) = AggregationBenchmarks.Run(stream, responses);
        var ours = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var folder = Directory.CreateTempSubdirectory("ervaring-bench-r-");
        try
        {
            var csv = Path.Combine(folder.FullName, "responses.csv");
            var items = estimatedItems.ToList();
            await using (var writer = new StreamWriter(csv, false, new UTF8Encoding(false), 1 << 16))
            {
                await writer.WriteLineAsync("h,N,gemeente,zorgvorm,leeftijdsgroep,verwijzer," + string.Join(',', items.Select(i => "y_" + i.Id)));
                var line = new StringBuilder();
                foreach (var (who, answers) in stream.Responses(responses))
                {
                    var key = stream.Strata.Find(who.SamplingStratum)!;
                    line.Clear().Append('"').Append(key).Append("\",").Append(stream.Strata.Populations[key].ToString(CultureInfo.InvariantCulture))
                        .Append(',').Append(who.Municipality).Append(',').Append(who.CareType).Append(',').Append(who.AgeBand).Append(',').Append(who.Referrer);
                    foreach (var item in items)
                    {
                        var score = SurveyScoring.Score(item, answers.TryGetValue(item.Id, out var v) ? v : null);
                        line.Append(',').Append(!score.IsValid ? "NA" : item.Type == ItemType.Mark ? score.Mark!.Value.ToString(CultureInfo.InvariantCulture) : score.IsPositive ? "1" : "0");
                    }
                    await writer.WriteLineAsync(line);
                }
            }

            var output = Path.Combine(folder.FullName, "r-estimates.csv");
            var script = Path.Combine(AppContext.BaseDirectory, "estimates.R");
            var info = new ProcessStartInfo("Rscript", [script, csv, output]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try { await process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return new Outcome(false, $"R stopte niet binnen {timeout.TotalSeconds:0} s", responses, 0, 0, ours, 0, 0, 0, 0);
            }
            if (process.ExitCode != 0) return new Outcome(false, "R faalde: " + (await stderr).Trim(), responses, 0, 0, ours, 0, 0, 0, 0);
            var lines = (await stdout).Split('\n');
            double Value(string tag) => double.Parse(lines.First(l => l.StartsWith(tag + " ", StringComparison.Ordinal))[(tag.Length + 1)..], CultureInfo.InvariantCulture);

            var mine = estimates.Where(e => e.Scope == "regio" && e.MeasureType == MeasureTypes.Item)
                .ToDictionary(e => ("y_" + e.Measure, e.Dimension, e.DomainValue));
            int compared = 0;
            double maxEstimate = 0, maxSe = 0;
            foreach (var row in File.ReadLines(output).Skip(1))
            {
                var f = row.Split(',').Select(x => x.Trim('"')).ToArray();
                if (!mine.TryGetValue((f[0], f[1], f[2]), out var ourRow)) continue;
                compared++;
                maxEstimate = Math.Max(maxEstimate, Math.Abs(ourRow.Value - double.Parse(f[3], CultureInfo.InvariantCulture)));
                maxSe = Math.Max(maxSe, Math.Abs(ourRow.StandardError - double.Parse(f[4], CultureInfo.InvariantCulture)));
            }
            return new Outcome(true, null, responses, Value("ELAPSED"), Value("READ"), ours, compared, maxEstimate, maxSe, collapses);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static bool Exists(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(p => File.Exists(Path.Combine(p, command)));
}
