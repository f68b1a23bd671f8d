using BenchmarkDotNet.Attributes;
using Ervaring.Core.Demo;
using Ervaring.Core.Frames;
using Ervaring.Core.Sampling;

namespace Ervaring.Benchmarks.InProcess;

/// <summary>
/// Frame import (parse + validate the CSV bytes of a <see cref="SyntheticRegister"/>) and the stratified draw,
/// exactly as <c>SamplingService</c> calls them: default design (municipality domains, care type × age band strata).
/// </summary>
[MemoryDiagnoser]
public class FrameImportBenchmarks
{
    public static readonly string[] Municipalities = [.. Enumerable.Range(1, 10).Select(i => $"Gemeente{i:D2}")];
    public const int ReferenceYear = 2026;

    [Params(10_000, 100_000, 1_000_000)]
    public int Clients { get; set; } = 10_000;

    private byte[] _csv = [];
    private FrameParseOptions _options = null!;
    private Frame _frame = null!;
    private readonly SamplingDesign _design = new();
    private readonly SamplingSeed _seed = SamplingSeed.FromHex(new string('7', 64));

    public int CsvBytes => _csv.Length;

    [GlobalSetup]
    public void Setup()
    {
        _csv = SyntheticRegister.Csv(Clients, Municipalities, ReferenceYear, seed: 42);
        _options = new FrameParseOptions(new DateOnly(ReferenceYear, 1, 1), Municipalities);
        _frame = FrameParser.Parse(_csv, _options).Frame ?? throw new InvalidOperationException("Synthetic frame did not parse.");
    }

    /// <summary>Parse + validate: the work behind POST /api/waves/{id}/frame.</summary>
    [Benchmark]
    public int Import()
    {
        var parsed = FrameParser.Parse(_csv, _options);
        return parsed.Frame?.Count ?? throw new InvalidOperationException("Frame rejected.");
    }

    /// <summary>The draw alone on an already parsed frame.</summary>
    [Benchmark]
    public int Sample() => Sampler.Draw(_frame, _design, _seed, 0.0).TotalSelected;

    /// <summary>Import and draw together: what an officer waits for.</summary>
    [Benchmark]
    public int ImportAndSample()
    {
        var frame = FrameParser.Parse(_csv, _options).Frame ?? throw new InvalidOperationException("Frame rejected.");
        return Sampler.Draw(frame, _design, _seed, 0.0).TotalSelected;
    }
}
