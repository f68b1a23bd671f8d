using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Aggregation;

namespace Ervaring.Core.Tests.Reports.Aggregation;

/// <summary>
/// Memory stays flat in the number of responses: the aggregator keeps sums per cell, never a response. Measured by
/// the live heap after a full collection (not by timing), with the aggregator alive, after 20k and after 200k
/// responses of a generated stream that itself keeps nothing (answer sets and attributes are pooled).
/// </summary>
[Collection(nameof(WaveAggregatorMemoryTests))]
public class WaveAggregatorMemoryTests
{
    private static IEnumerable<AnsweredQuestionnaire> Stream(AggregationTestWave wave, int count)
    {
        var pool = wave.Responses.ToArray();
        for (var i = 0; i < count; i++) yield return pool[(int)((i * 2654435761L) % pool.Length)];
    }

    private static long LiveHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact]
    public void Ten_times_the_responses_retain_no_more_memory()
    {
        var wave = AggregationTestWave.FromFixture("strata100");
        // N_h large enough for 200k answers (a stratum never has more valid answers than clients).
        var sampled = wave.Sampled.Select(s => s with { Population = s.Population * 1000 }).ToList();
        wave.Sampled.Clear();
        wave.Sampled.AddRange(sampled);
        var aggregator = new WaveAggregator(wave.Design(new ReportScope("regio", true)));
        foreach (var response in Stream(wave, 20_000)) aggregator.Add(response);
        var after20k = LiveHeap();
        foreach (var response in Stream(wave, 180_000)) aggregator.Add(response);
        var after200k = LiveHeap();

        Assert.Equal(200_000, aggregator.Responses);
        // Keeping even one 8-byte reference per response would add 1.4 MB for the 180k more; less than a byte each is noise.
        Assert.True(after200k - after20k < 180_000, $"live heap grew by {(after200k - after20k) / 1024} kB from 20k to 200k responses");
        var result = aggregator.Result(AggregationTestWave.Context());
        Assert.Equal(200_000, result.Responses);
        GC.KeepAlive(aggregator);
    }
}

/// <summary>The heap is process-wide: the memory test runs alone, not beside other test classes.</summary>
[CollectionDefinition(nameof(WaveAggregatorMemoryTests), DisableParallelization = true)]
public sealed class WaveAggregatorMemoryCollection;
