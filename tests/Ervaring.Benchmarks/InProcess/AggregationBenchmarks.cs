using BenchmarkDotNet.Attributes;
using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Aggregation;
using Ervaring.Core.Sampling;
using Ervaring.Core.Surveys;

namespace Ervaring.Benchmarks.InProcess;

/// <summary>
/// Aggregation into the report tables, through the same seam as <c>WaveAggregation.ComputeAsync</c>: every
/// response streamed once into a <see cref="WaveAggregator"/>, then its result: estimates, answer distributions
/// and region comparisons for each scope (10 municipalities and the region; breakdowns by municipality, care type, age band, referrer).
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

    public static (int Rows, IReadOnlyList<SurveyItem> EstimatedItems, List<EstimateRow> Estimates, TimeSpan Accumulate, int Collapses) Run(SyntheticResponseStream stream, long responses)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var design = new WaveDesignInput("benchmark", [new AudienceInput(Audience.Ouders, stream.Definition, stream.Strata)], stream.Scopes,
            new Dictionary<string, long>(StringComparer.Ordinal));
        var aggregator = new WaveAggregator(design);
        foreach (var (who, answers) in stream.Responses(responses))
            aggregator.Add(Audience.Ouders, who, answers);
        var accumulate = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var result = aggregator.Result(new WaveAggregationContext(AggregateStatus.Draft, DateTimeOffset.UnixEpoch, [], []));
        var estimated = new AudienceAggregator(Audience.Ouders, stream.Definition, stream.Strata).EstimatedItems.ToList();
        return (result.Estimates.Count + result.Distributions.Count, estimated, result.Estimates.ToList(), accumulate, result.Collapses.Count);
    }
}
