using Ervaring.Core.Sampling;
namespace Ervaring.Core.Waves;

/// <summary>A problem with one field of a request, in Dutch, named by its JSON field.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Checks wave settings before anything is stored. Every problem is reported, not just the first.</summary>
public static class WaveSettingsValidator
{
    public static readonly IReadOnlyList<string> KnownStrata = ["gemeente", "zorgvorm", "leeftijdsgroep", "verwijzer"];
    public static readonly IReadOnlyList<string> KnownAudiences = Audiences.Names;
    public static readonly IReadOnlyList<string> KnownTeenRules = ["beide", Audiences.OudersName, Audiences.JongerenName];
    public const int MinimumSuppressionThreshold = 5;

    /// <param name="definitionExists">Whether a questionnaire with this id exists for the given audience.</param>
    public static IReadOnlyList<FieldError> Validate(WaveSettings settings, Func<string, string, bool> definitionExists)
    {
        var errors = new List<FieldError>();
        void Error(string field, string message) => errors.Add(new FieldError(field, message));

        if (settings.Name is { Length: > 200 }) Error("name", "De naam is te lang (hoogstens 200 tekens).");
        if (settings.Region is { Length: > 100 }) Error("region", "De regionaam is te lang (hoogstens 100 tekens).");

        if (settings.Municipalities.Count == 0)
            Error("municipalities", "Noem minstens één gemeente.");
        for (var i = 0; i < settings.Municipalities.Count; i++)
        {
            var name = settings.Municipalities[i];
            if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(char.IsControl))
                Error($"municipalities[{i}]", "Een gemeentenaam moet gevuld zijn, zonder besturingstekens, en hoogstens 100 tekens.");
        }
        var duplicates = settings.Municipalities.GroupBy(m => m.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) Error("municipalities", $"Gemeente staat dubbel in de lijst: {string.Join(", ", duplicates)}.");
        if (settings.Municipalities.Count > 1 && string.IsNullOrWhiteSpace(settings.Region))
            Error("region", "Een meting met meer gemeenten heeft een regionaam nodig.");

        if (settings.Year is < 2015 or > 2100) Error("year", "Het jaar moet tussen 2015 en 2100 liggen.");
        if (settings.FieldStart == default) Error("fieldStart", "Vul de startdatum van het veldwerk in (jjjj-mm-dd).");
        if (settings.FieldEnd == default) Error("fieldEnd", "Vul de einddatum van het veldwerk in (jjjj-mm-dd).");
        if (settings.FieldStart != default && settings.FieldEnd != default && settings.FieldEnd < settings.FieldStart)
            Error("fieldEnd", "De einddatum van het veldwerk ligt vóór de startdatum.");
        if (settings.FieldStart != default && settings.FieldEnd != default && settings.FieldEnd.DayNumber - settings.FieldStart.DayNumber > 366)
            Error("fieldEnd", "Het veldwerk duurt hoogstens een jaar.");

        if (settings.Definitions.Count == 0) Error("definitions", "Kies minstens één vragenlijst (ouders en/of jongeren).");
        foreach (var (audience, id) in settings.Definitions)
        {
            if (!KnownAudiences.Contains(audience))
                Error($"definitions.{audience}", $"Onbekende doelgroep '{audience}'. Kies uit: ouders, jongeren.");
            else if (string.IsNullOrWhiteSpace(id) || !definitionExists(audience, id))
                Error($"definitions.{audience}", $"Er is geen vragenlijst '{id}' voor de doelgroep {audience}.");
        }

        var rule = settings.AudienceRule;
        if (rule.YouthFromAge is < 8 or > 18) Error("audienceRule.youthFromAge", "De leeftijd vanaf wanneer jongeren zelf invullen moet tussen 8 en 18 liggen.");
        if (rule.AdultFromAge is < 12 or > 23 || rule.AdultFromAge < rule.YouthFromAge)
            Error("audienceRule.adultFromAge", "De leeftijd vanaf wanneer alleen de jongere een uitnodiging krijgt moet tussen 12 en 23 liggen en niet lager dan youthFromAge.");
        if (!KnownTeenRules.Contains(rule.Teens)) Error("audienceRule.teens", "Kies 'beide', 'ouders' of 'jongeren'.");

        if (settings.Margin is < 0.01 or > 0.20 || double.IsNaN(settings.Margin))
            Error("margin", "De foutmarge moet tussen 0,01 en 0,20 liggen (0,05 is ±5 procentpunt).");
        if (settings.ExpectedResponseRate is < 0.01 or > 1 || double.IsNaN(settings.ExpectedResponseRate))
            Error("expectedResponseRate", "De verwachte respons moet tussen 0,01 en 1 liggen (0,30 is 30%).");

        if (settings.Strata.Count == 0) Error("strata", "Kies minstens één stratificatievariabele.");
        foreach (var stratum in settings.Strata)
            if (!KnownStrata.Contains(stratum))
                Error("strata", $"Onbekende stratificatievariabele '{stratum}'. Kies uit: {string.Join(", ", KnownStrata)}.");
        if (settings.Strata.Distinct().Count() != settings.Strata.Count) Error("strata", "Een stratificatievariabele staat dubbel in de lijst.");

        if (settings.MinimumPerStratum is < 0 or > 1000) Error("minimumPerStratum", "Het minimum per stratum moet tussen 0 en 1000 liggen.");
        if (settings.SuppressionThreshold < MinimumSuppressionThreshold)
            Error("suppressionThreshold", $"De drempel voor verbergen is minstens {MinimumSuppressionThreshold} respondenten.");
        if (settings.SuppressionThreshold > 100) Error("suppressionThreshold", "De drempel voor verbergen is hoogstens 100 respondenten.");
        if (settings.WaitingWeeksThreshold is < 1 or > 52)
            Error("waitingWeeksThreshold", "De grens voor lang wachten is een heel aantal weken van 1 tot en met 52.");

        if (settings.ReminderDays.Any(d => d is < 1 or > 180)) Error("reminderDays", "Herinneringsdagen liggen tussen 1 en 180.");
        if (settings.FrameRetentionDays is < 1 or > WaveSettings.MaxFrameRetentionDays) Error("frameRetentionDays", $"De bewaartermijn van het steekproefkader ligt tussen 1 en {WaveSettings.MaxFrameRetentionDays} dagen.");

        ValidateWeighting(settings, Error);
        return errors;
    }

    /// <summary>Calibration (docs/statistics.md): which variables, and duration bands that stay coarse.</summary>
    private static void ValidateWeighting(WaveSettings settings, Action<string, string> error)
    {
        if (!WeightingChoices.Weightings.Contains(settings.Weighting))
        {
            error("weighting", $"Onbekende weging '{settings.Weighting}'. Kies 'poststratificatie' of 'kalibratie'.");
            return;
        }
        if (settings.Weighting != WeightingChoices.Calibration) return;
        if (settings.CalibrateTo.Count == 0)
            error("calibrateTo", "Kies bij kalibratie minstens één variabele uit het steekproefkader: verwijzer en/of duur.");
        foreach (var variable in settings.CalibrateTo)
            if (!WeightingChoices.Variables.Contains(variable))
                error("calibrateTo", $"Onbekende variabele '{variable}' om naar te wegen. Kies uit: verwijzer, duur.");
        if (settings.CalibrateTo.Distinct().Count() != settings.CalibrateTo.Count)
            error("calibrateTo", "Een variabele om naar te wegen staat dubbel in de lijst.");
        if (!settings.CalibrateTo.Contains(WeightingChoices.Duration)) return;
        var years = settings.DurationBandYears;
        if (years.Count is < 1 or > 3 || years.Any(y => y is < 1 or > 30))
            error("durationBandYears", "Geef 1 tot 3 grenzen voor de duur van de zorg, in hele jaren van 1 tot 30 (bijvoorbeeld 1, 2).");
        else if (years.Zip(years.Skip(1)).Any(p => p.Second <= p.First))
            error("durationBandYears", "De grenzen voor de duur van de zorg moeten oplopen, bijvoorbeeld 1, 2.");
    }
}
