using Ervaring.Core.Sampling;
using Ervaring.Core.Surveys;

namespace Ervaring.Core.Reports.Aggregation;

/// <summary>What aggregation needs of one audience besides its responses: the questionnaire and weighting strata.</summary>
/// <param name="Calibration">The frame's margins when the wave calibrates; null for post-stratification.</param>
/// <param name="WaitingWeeksThreshold">The wave's threshold for the waiting share of number items (weeks of waiting).</param>
public sealed record AudienceInput(Audience Audience, SurveyDefinition Definition, WeightingStrata Strata, AudienceCalibration? Calibration = null,
    int WaitingWeeksThreshold = Waves.WaveSettings.DefaultWaitingWeeksThreshold);

/// <summary>
/// The design side of a wave's aggregation, known before any response is read: the audiences with their
/// questionnaire and weighting strata, the scopes estimates are made for, and N_h per sampling stratum key
/// (the audit record's strata, for the response table).
/// </summary>
/// <param name="Year">The wave's year (pooling takes earlier years only).</param>
/// <param name="Pooling">The wave's margin settings, which decide when a municipality's figure is pooled; null: never.</param>
public sealed record WaveDesignInput(
    string WaveId,
    IReadOnlyList<AudienceInput> Audiences,
    IReadOnlyList<ReportScope> Scopes,
    IReadOnlyDictionary<string, long> SampledPopulations,
    int Year = 0,
    SampleSizeOptions? Pooling = null);

/// <summary>An anonymous completed questionnaire as aggregation sees it: audience, coarse attributes, answers.</summary>
public sealed record AnsweredQuestionnaire(Audience Audience, RespondentAttributes Who, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers);

/// <summary>Fieldwork of one audience and sampling stratum (frozen at close, or counted live during fielding).</summary>
public sealed record FieldworkTally(string Audience, string StratumKey, string Municipality, string CareType, string AgeBand, int Invited, int Completed)
{
    /// <summary>AAPOR RR1: completed over invited (everyone invited counts as eligible).</summary>
    public double ResponseRate => Invited == 0 ? 0 : (double)Completed / Invited;
}

/// <summary>The report draft of an earlier published wave, for trends.</summary>
/// <param name="Questionnaires">Its questionnaire per audience (the wave record's), for the codebook's comparison.</param>
public sealed record PublishedAggregate(string WaveId, int Year, WaveAggregate Aggregate, IReadOnlyDictionary<string, Waves.DefinitionRef>? Questionnaires = null);

/// <summary>What is known only after the responses were read: fieldwork counts, earlier published drafts, the time.</summary>
/// <param name="Earlier">Earlier published waves in the order their trends are listed within a year.</param>
/// <param name="Codebook">Which figures are the same across questionnaire versions (see <see cref="VersionComparison"/>).</param>
public sealed record WaveAggregationContext(
    string Status, DateTimeOffset ComputedAt, IReadOnlyList<FieldworkTally> Fieldwork, IReadOnlyList<PublishedAggregate> Earlier,
    Comparison.Codebook? Codebook = null);
