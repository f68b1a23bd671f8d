using Ervaring.Core.Sampling;
using Ervaring.Core.Statistics.Design;
namespace Ervaring.Core.Waves;

/// <summary>
/// What the officer decides when creating a wave (meting). This is also the JSON body of
/// <c>POST /api/waves</c>; property names are camelCase there. Defaults follow docs/sampling.md and docs/statistics.md.
/// </summary>
public sealed record WaveSettings
{
    /// <summary>Free name, e.g. "CEO jeugd 2026 Gemeente Voorbeeld".</summary>
    public string? Name { get; init; }

    /// <summary>Region name when the wave covers several municipalities (each is its own reporting domain).</summary>
    public string? Region { get; init; }

    public IReadOnlyList<string> Municipalities { get; init; } = [];

    /// <summary>The year the experiences are about (verslagjaar).</summary>
    public int Year { get; init; }

    /// <summary>Date at which ages are computed (peildatum). Default: the first day of the field period.</summary>
    public DateOnly? ReferenceDate { get; init; }

    public DateOnly FieldStart { get; init; }
    public DateOnly FieldEnd { get; init; }

    /// <summary>Questionnaire per audience (definition id); the latest version is fixed at creation.</summary>
    public IReadOnlyDictionary<string, string> Definitions { get; init; } = new Dictionary<string, string>
    {
        [Audiences.OudersName] = "ceo-jeugd-ouders",
        [Audiences.JongerenName] = "ceo-jeugd-jongeren",
    };

    /// <summary>
    /// Version of the questionnaires (1 or 2, the same for both audiences); empty: the default for new waves
    /// (version 1 until the translations of version 2 are checked, see docs/survey-definitions.md). Fixed at creation.
    /// </summary>
    public int? QuestionnaireVersion { get; init; }

    /// <summary>
    /// Questionnaire v2's waiting question: the report shows the share of families that waited longer than this many
    /// weeks between asking for help and its start (default 6; 1..52).
    /// </summary>
    public int WaitingWeeksThreshold { get; init; } = DefaultWaitingWeeksThreshold;

    public const int DefaultWaitingWeeksThreshold = 6;

    public AudienceRuleSettings AudienceRule { get; init; } = new();

    /// <summary>Target margin of error per reporting domain (0.05 = ±5 percentage points).</summary>
    public double Margin { get; init; } = 0.05;

    public double ExpectedResponseRate { get; init; } = 0.30;

    /// <summary>Stratification variables: gemeente, zorgvorm, leeftijdsgroep, verwijzer.</summary>
    public IReadOnlyList<string> Strata { get; init; } = ["gemeente", "zorgvorm", "leeftijdsgroep"];

    public int MinimumPerStratum { get; init; }

    /// <summary>Invite everyone in the frame (integraal), whatever the formula says.</summary>
    public bool Census { get; init; }

    /// <summary>Primary suppression threshold k for everything public (default 10, never below 5).</summary>
    public int SuppressionThreshold { get; init; } = 10;

    /// <summary>Days after the start of fielding at which reminder lists are made.</summary>
    public IReadOnlyList<int> ReminderDays { get; init; } = [7, 14];

    /// <summary>Days the raw frame upload is kept after sampling (for audit), then deleted.</summary>
    public int FrameRetentionDays { get; init; } = DefaultFrameRetentionDays;

    /// <summary>The frame retention a wave gets unless it asks otherwise, and the most it may ask (the privacy statement says both).</summary>
    public const int DefaultFrameRetentionDays = 90;
    public const int MaxFrameRetentionDays = 730;

    /// <summary>
    /// An extra wave next to the year's wave for the same municipalities (aanvullende meting), asked for explicitly.
    /// Without it a municipality has one wave per year; the report and its archive say that this one is supplementary.
    /// </summary>
    public bool Supplementary { get; init; }

    /// <summary>
    /// How answers are weighted (docs/statistics.md): "poststratificatie" (default: N_h / r_h per stratum) or
    /// "kalibratie" (those weights raked within each municipality to the frame's counts of <see cref="CalibrateTo"/>).
    /// </summary>
    public string Weighting { get; init; } = WeightingChoices.PostStratification;

    /// <summary>With kalibratie: the frame variables to rake to, "verwijzer" and/or "duur" (duration of care).</summary>
    public IReadOnlyList<string> CalibrateTo { get; init; } = [WeightingChoices.Referrer, WeightingChoices.Duration];

    /// <summary>With kalibratie on duur: band bounds in whole years since the start date (1, 2 gives 0-1, 1-2 and 2plus).</summary>
    public IReadOnlyList<int> DurationBandYears { get; init; } = [1, 2];

    public DateOnly EffectiveReferenceDate => ReferenceDate ?? FieldStart;

    /// <summary>The variables a calibrating wave rakes to; null when the wave post-stratifies only.</summary>
    public CalibrationVariables? Calibration => Weighting == WeightingChoices.Calibration
        ? new CalibrationVariables(CalibrateTo.Contains(WeightingChoices.Referrer), CalibrateTo.Contains(WeightingChoices.Duration), DurationBandYears)
        : null;
}

/// <summary>The words of <see cref="WaveSettings.Weighting"/> and <see cref="WaveSettings.CalibrateTo"/>, as typed in the API and the form.</summary>
public static class WeightingChoices
{
    public const string PostStratification = "poststratificatie";
    public const string Calibration = "kalibratie";
    public const string Referrer = CalibrationVariables.ReferrerName;
    public const string Duration = CalibrationVariables.DurationName;

    public static readonly IReadOnlyList<string> Weightings = [PostStratification, Calibration];
    public static readonly IReadOnlyList<string> Variables = [Referrer, Duration];
}

/// <summary>Who is invited by age; see <c>Ervaring.Core.Sampling.AudienceRule</c>.</summary>
public sealed record AudienceRuleSettings
{
    public int YouthFromAge { get; init; } = 12;
    public int AdultFromAge { get; init; } = 18;

    /// <summary>What 12–17-year-olds' families receive: "beide" (default), "ouders" or "jongeren".</summary>
    public string Teens { get; init; } = "beide";
}
