using BenchmarkDotNet.Attributes;
using Ervaring.Core.Reports;

namespace Ervaring.Benchmarks.InProcess;

/// <summary>
/// Aggregation into the report tables, through the same seam as <c>WaveAggregation.ComputeAsync</c>: every
/// response streamed once into an <see cref="AudienceAggregator"/>, then estimates and answer distributions
/// for each scope (10 municipalities and the region; breakdowns by municipality, care type, age band, referrer).
/// </summary>
[MemoryDiagnoser]
public class AggregationBenchmarks
{
    [Params(10_000, 100_000, 1_000_000)]
    public int Responses { get; set; } = 10_000;

    private SyntheticResponseStream _stream = null!;

    public SyntheticResponseStream Stream => _stream;

    [GlobalSetup]
    public void Setup() => _stream = new SyntheticResponseStream(SyntheticResponseStream.LoadOuders(), Responses);

    [Benchmark]
    public int Aggregate() => Run(_stream, Responses).Rows;

    public static (int Rows, AudienceAggregator Aggregator, List<EstimateRow> Estimates, TimeSpan Accumulate, int Collapses) Run(SyntheticResponseStream stream, long responses)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var aggregator = new AudienceAggregator("ouders", stream.Definition, stream.Strata);
        foreach (var (who, answers) in stream.Responses(responses))
            aggregator.Add(who, answers);
        var accumulate = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var problems = new List<string>();
        var collapses = new List<CollapseRow>();
        var estimates = new List<EstimateRow>();
        var rows = 0;
        foreach (var scope in stream.Scopes)
        {
            var e = aggregator.Estimates(scope, problems, collapses);
            estimates.AddRange(e);
            rows += e.Count + aggregator.Distributions(scope, problems).Count;
        }
        return (rows, aggregator, estimates, accumulate, collapses.Count);
    }
}
