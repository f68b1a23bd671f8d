using System.Globalization;
using Ervaring.Core.Waves;
using Microsoft.Extensions.Primitives;

namespace Ervaring.Functions.Pages.Admin;

/// <summary>
/// The "new wave" form exactly as typed: every field a string, so whatever the officer entered comes back
/// on the page when something is wrong. Field names are the JSON names of <see cref="WaveSettings"/>, so the
/// validator's errors land next to the right field.
/// </summary>
public sealed class WaveForm
{
    public string Name { get; init; } = "";
    public string Region { get; init; } = "";
    public string Municipalities { get; init; } = "";
    public string Year { get; init; } = DateTime.Today.Year.ToString(CultureInfo.InvariantCulture);
    public string FieldStart { get; init; } = "";
    public string FieldEnd { get; init; } = "";
    public string Margin { get; init; } = "0,05";
    public string ExpectedResponseRate { get; init; } = "0,30";
    public IReadOnlyList<string> Strata { get; init; } = ["gemeente", "zorgvorm", "leeftijdsgroep"];
    public string SuppressionThreshold { get; init; } = "10";
    public string ReminderDays { get; init; } = "7, 14";
    public string Weighting { get; init; } = WeightingChoices.PostStratification;
    public IReadOnlyList<string> CalibrateTo { get; init; } = WeightingChoices.Variables;
    public string DurationBandYears { get; init; } = "1, 2";

    public static readonly IReadOnlyList<(string Value, string Label, string Hint)> WeightingOptions =
    [
        (WeightingChoices.PostStratification, "Naar de lagen (poststratificatie)", "Elke laag telt mee naar het aantal cliënten in het steekproefkader. Dit is de gewone keuze."),
        (WeightingChoices.Calibration, "Ook naar het steekproefkader (kalibratie)",
            "Daarnaast per gemeente naar de aantallen per verwijzer en/of duur in het kader. Kies dit als de respons per verwijzer of duur sterk kan verschillen."),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> CalibrationChoices =
    [
        // Not "Verwijzer": that is the label of the stratification choice above.
        (WeightingChoices.Referrer, "Verwezen door (huisarts, wijkteam …)"), (WeightingChoices.Duration, "Duur van de zorg"),
    ];

    /// <summary>"1" or "2"; empty takes the default version (see SurveyDefinitionCatalog.DefaultVersion).</summary>
    public string QuestionnaireVersion { get; init; } = "";

    /// <summary>Weeks of waiting above which a family counts as "waited long" in the report (questionnaire v2).</summary>
    public string WaitingWeeksThreshold { get; init; } = "6";

    public static readonly IReadOnlyList<(string Value, string Label)> VersionChoices =
    [
        ("", "Standaard (nu versie 1)"),
        ("1", "Versie 1"),
        ("2", "Versie 2: met vragen over wachttijd, één plan, eigen netwerk, 18 worden en jeugdbescherming"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> StratumChoices =
    [
        ("gemeente", "Gemeente"), ("zorgvorm", "Zorgvorm"), ("leeftijdsgroep", "Leeftijdsgroep"), ("verwijzer", "Verwijzer"),
    ];

    public static WaveForm From(IFormCollection form) => new()
    {
        Name = Text(form["name"]),
        Region = Text(form["region"]),
        Municipalities = Text(form["municipalities"]),
        Year = Text(form["year"]),
        FieldStart = Text(form["fieldStart"]),
        FieldEnd = Text(form["fieldEnd"]),
        Margin = Text(form["margin"]),
        ExpectedResponseRate = Text(form["expectedResponseRate"]),
        Strata = form["strata"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList(),
        SuppressionThreshold = Text(form["suppressionThreshold"]),
        ReminderDays = Text(form["reminderDays"]),
        Weighting = form.ContainsKey("weighting") ? Text(form["weighting"]) : WeightingChoices.PostStratification,
        CalibrateTo = form["calibrateTo"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList(),
        DurationBandYears = Text(form["durationBandYears"]),
        QuestionnaireVersion = Text(form["questionnaireVersion"]),
        WaitingWeeksThreshold = Text(form["waitingWeeksThreshold"]),
    };

    /// <summary>
    /// Reads the typed values and runs the same validation as the API. Errors about a value that could not
    /// even be read replace the validator's message for that field.
    /// </summary>
    public (WaveSettings Settings, IReadOnlyList<FieldError> Errors) ToSettings(Func<WaveSettings, IReadOnlyList<FieldError>> validate)
    {
        var unreadable = new List<FieldError>();
        var defaults = new WaveSettings();
        var settings = new WaveSettings
        {
            Name = Blank(Name) ? null : Name.Trim(),
            Region = Blank(Region) ? null : Region.Trim(),
            Municipalities = Municipalities.Split('\n').Select(m => m.Trim()).Where(m => m.Length > 0).ToList(),
            Year = Integer("year", Year, "Vul het jaar in als getal, bijvoorbeeld 2026.") ?? 0,
            FieldStart = Date("fieldStart", FieldStart) ?? default,
            FieldEnd = Date("fieldEnd", FieldEnd) ?? default,
            Margin = Fraction("margin", Margin, "Vul de foutmarge in als getal, bijvoorbeeld 0,05.") ?? defaults.Margin,
            ExpectedResponseRate = Fraction("expectedResponseRate", ExpectedResponseRate, "Vul de verwachte respons in als getal, bijvoorbeeld 0,30.") ?? defaults.ExpectedResponseRate,
            Strata = Strata.ToList(),
            SuppressionThreshold = Integer("suppressionThreshold", SuppressionThreshold, "Vul de drempel in als heel getal, bijvoorbeeld 10.") ?? defaults.SuppressionThreshold,
            ReminderDays = Days(),
            Weighting = Weighting.Trim(),
            CalibrateTo = CalibrateTo.ToList(),
            DurationBandYears = Weighting.Trim() == WeightingChoices.Calibration ? BandYears() : defaults.DurationBandYears,
            QuestionnaireVersion = Blank(QuestionnaireVersion) ? null
                : Integer("questionnaireVersion", QuestionnaireVersion, "Kies een versie van de vragenlijst: 1 of 2."),
            WaitingWeeksThreshold = Blank(WaitingWeeksThreshold) ? defaults.WaitingWeeksThreshold
                : Integer("waitingWeeksThreshold", WaitingWeeksThreshold, "Vul de grens voor lang wachten in als heel aantal weken, bijvoorbeeld 6.") ?? defaults.WaitingWeeksThreshold,
        };
        var unreadableFields = unreadable.Select(e => e.Field).ToHashSet();
        var errors = unreadable.Concat(validate(settings).Where(e => !unreadableFields.Contains(FieldOf(e)))).ToList();
        return (settings, errors);

        int? Integer(string field, string text, string message)
        {
            if (Blank(text)) { unreadable.Add(new FieldError(field, message)); return null; }
            if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
            unreadable.Add(new FieldError(field, message));
            return null;
        }

        double? Fraction(string field, string text, string message)
        {
            // Dutch users type a decimal comma; a point is fine too.
            if (double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
            unreadable.Add(new FieldError(field, message));
            return null;
        }

        DateOnly? Date(string field, string text)
        {
            if (Blank(text)) return null; // the validator says it is missing
            string[] formats = ["yyyy-MM-dd", "d-M-yyyy", "d/M/yyyy"];
            if (DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            unreadable.Add(new FieldError(field, "Vul een datum in als jjjj-mm-dd of dd-mm-jjjj."));
            return null;
        }

        List<int> Days()
        {
            var days = new List<int>();
            foreach (var part in ReminderDays.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var day)) days.Add(day);
                else
                {
                    unreadable.Add(new FieldError("reminderDays", "Vul de herinneringsdagen in als hele getallen, gescheiden door komma's, bijvoorbeeld 7, 14."));
                    return [];
                }
            }
            return days;
        }

        List<int> BandYears()
        {
            var years = new List<int>();
            foreach (var part in DurationBandYears.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year)) years.Add(year);
                else
                {
                    unreadable.Add(new FieldError("durationBandYears", "Vul de grenzen voor de duur in als hele jaren, gescheiden door komma's, bijvoorbeeld 1, 2."));
                    return [.. defaults.DurationBandYears];
                }
            }
            return years;
        }
    }

    /// <summary>The form field an error belongs to: "municipalities[2]" belongs to the municipalities box.</summary>
    public static string FieldOf(FieldError error)
    {
        var bracket = error.Field.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? error.Field : error.Field[..bracket];
    }

    private static bool Blank(string text) => string.IsNullOrWhiteSpace(text);
    private static string Text(StringValues values) => values.ToString();
}
