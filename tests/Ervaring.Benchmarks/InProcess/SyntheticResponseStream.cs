using Ervaring.Core.Demo;
using Ervaring.Core.Frames;
using Ervaring.Core.Reports;
using Ervaring.Core.Sampling;
using Ervaring.Core.Statistics;
using Ervaring.Core.Surveys;

namespace Ervaring.Benchmarks.InProcess;

/// <summary>
/// Anonymous "ouders" responses as a stream, for feeding <see cref="AudienceAggregator.Add"/> directly (the seam
/// <c>WaveAggregation</c> uses for every stored response). The weighting strata come from a real draw on a
/// <see cref="SyntheticRegister"/> (10 municipalities × care type × age band), with N_h scaled so the population
/// always exceeds the responses. Answers are drawn once into a small pool per care type by
/// <see cref="SyntheticRespondents.Answers"/> and reused, and the attribute records are pooled too: the stream
/// allocates nothing per response, so what is measured is the aggregation, not the generator.
/// </summary>
public sealed class SyntheticResponseStream
{
    public static readonly IReadOnlyList<string> StrataVariables = ["gemeente", "zorgvorm", "leeftijdsgroep"];
    private static readonly string[] Referrers = ["huisarts", "wijkteam", "gi", "jeugdarts", "medisch specialist", "geen", "onbekend"];
    private const int PoolPerCareType = 512;

    private readonly (RespondentAttributes[] ByReferrer, double Cumulative, string CareType)[] _strata;
    private readonly Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>[]> _answers;
    private readonly int _seed;

    public SurveyDefinition Definition { get; }
    public WeightingStrata Strata { get; }
    public IReadOnlyList<string> Municipalities { get; }

    public SyntheticResponseStream(SurveyDefinition definition, long responses, int seed = 7)
    {
        Definition = definition;
        _seed = seed;
        var municipalities = FrameImportBenchmarks.Municipalities;
        Municipalities = municipalities;
        var csv = SyntheticRegister.Csv(50_000, municipalities, FrameImportBenchmarks.ReferenceYear, seed: 11);
        var frame = FrameParser.Parse(csv, new FrameParseOptions(new DateOnly(FrameImportBenchmarks.ReferenceYear, 1, 1), municipalities)).Frame!;
        var draw = Sampler.Draw(frame, new SamplingDesign(), SamplingSeed.FromHex(new string('5', 64)), 0.0);
        var total = (double)frame.Count;
        // N_h grows with the number of responses so r_h <= N_h always holds; shares stay those of the register.
        var sampled = draw.Strata.Select(s => new SampledStratum(s.Key, s.Domain, (long)Math.Ceiling(3.0 * responses * s.PopulationSize / total) + 100)).ToList();
        var all = WeightingStrata.ForAudience(sampled, StrataVariables, AudienceRule.Default, Audience.Ouders);

        // Strata too small to expect 30 responses are left out of the synthetic wave, so no stratum ends up with
        // fewer than two valid answers: then no stratum is collapsed and R's svydesign (which has no collapsing
        // rule and stops at a lone unit) estimates exactly the same design.
        var expectedTotal = (double)draw.Strata.Where(s => all.Find(s.Key) is not null).Sum(s => s.PopulationSize);
        var keep = draw.Strata.Where(s => all.Find(s.Key) is not null && s.PopulationSize / expectedTotal * responses >= 30).Select(s => s.Key).ToHashSet();
        Strata = WeightingStrata.ForAudience(sampled.Where(s => keep.Contains(s.Key)), StrataVariables, AudienceRule.Default, Audience.Ouders);
        var invited = draw.Strata.Where(s => keep.Contains(s.Key)).ToList();
        var invitedTotal = (double)invited.Sum(s => s.PopulationSize);
        var cumulative = 0.0;
        _strata = invited.Select(s =>
        {
            cumulative += s.PopulationSize / invitedTotal;
            var parts = s.Key.Split(" | ");
            var attributes = Referrers.Select(r => new RespondentAttributes(s.Key, parts[0], parts[1], parts[2], r)).ToArray();
            return (attributes, cumulative, parts[1]);
        }).ToArray();
        _strata[^1].Cumulative = 1.0;

        var random = new Random(seed);
        _answers = _strata.Select(s => s.CareType).Distinct().ToDictionary(
            c => c,
            c => Enumerable.Range(0, PoolPerCareType)
                .Select(_ => (IReadOnlyDictionary<string, IReadOnlyList<string>>)SyntheticRespondents.Answers(definition, c, 0, random)).ToArray());
    }

    public IEnumerable<(RespondentAttributes Who, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers)> Responses(long count)
    {
        var random = new Random(_seed + 1);
        for (long i = 0; i < count; i++)
        {
            var u = random.NextDouble();
            int lo = 0, hi = _strata.Length - 1;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_strata[mid].Cumulative > u) hi = mid; else lo = mid + 1;
            }
            var stratum = _strata[lo];
            yield return (stratum.ByReferrer[random.Next(Referrers.Length)], _answers[stratum.CareType][random.Next(PoolPerCareType)]);
        }
    }

    /// <summary>The scopes the report is made for: each municipality, then the region.</summary>
    public IReadOnlyList<ReportScope> Scopes => [.. Municipalities.Select(m => new ReportScope(m, false)), new ReportScope("regio", true)];

    public static SurveyDefinition LoadOuders() =>
        SurveyDefinitionLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "survey-definitions")).Single(d => d.Audience == Audience.Ouders && d.Version == 1); // the benchmark's answers are v1's
}
