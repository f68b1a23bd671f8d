using System.Globalization;
using Ervaring.Core.Comparison;
using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Council;
using Ervaring.Core.Reports.Yardstick;
using Ervaring.Core.Sampling;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Settings;
using Ervaring.Functions.Security;
using Ervaring.Storage.Council;
using Ervaring.Storage.Reports;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.Options;

namespace Ervaring.Functions.Reports.Yardstick;

// What the API and the form send. Strings, so a wrong value gets a Dutch message at its field instead of a 400.
public sealed record TargetInput(string? Audience, string? Measure, string? Dimension, string? DomainValue, string? Value, string? TargetYear, string? PolicyTitle, string? PolicyLink);
public sealed record GapReasonInput(string? Reason);

/// <summary>A municipality's targets (as stored now, not yet judged) and every report year's status.</summary>
public sealed record MunicipalityYardstick(string Municipality, string Slug, IReadOnlyList<Target> Targets, IReadOnlyList<ReportYearStatus> Years)
{
    /// <summary>Reference figures from outside the region (issue 14, point 4).</summary>
    public IReadOnlyList<ReferenceFigure> References { get; init; } = [];
}

/// <summary>
/// Targets and gap reasons of one municipality (issue 14): validated here with Dutch messages per field, stored in
/// <see cref="YardstickStore"/>. Only a configured municipality the officer covers is found at all; any other
/// answers 404, like a municipality that does not exist, so a foreign one is not revealed.
/// </summary>
public sealed class YardstickService(YardstickStore store, WaveStore waves, ReportArchive archive, IOptions<ErvaringSettings> settings, TimeProvider clock)
{
    public const int PolicyTitleChars = 200, PolicyLinkChars = 500, ReasonChars = 1000;

    /// <summary>The known municipality behind a slug, when the officer covers it.</summary>
    public async Task<string?> ResolveAsync(string slug, OfficerScope scope, CancellationToken cancellationToken) =>
        (await MunicipalitiesAsync(scope, cancellationToken)).FirstOrDefault(name => Slugs.Of(name) == slug);

    /// <summary>
    /// The municipalities Ervaring knows — configured, or named by a wave (a deployment may have waves of a
    /// municipality it no longer configures) — that the officer covers.
    /// </summary>
    public async Task<IReadOnlyList<string>> MunicipalitiesAsync(OfficerScope scope, CancellationToken cancellationToken)
    {
        var configured = settings.Value.Municipalities.Values.Select(m => m.Name?.Trim()).OfType<string>();
        var named = (await waves.ListAsync(cancellationToken)).SelectMany(w => w.Settings.Municipalities).Select(m => m.Trim());
        return configured.Concat(named).Where(m => m.Length > 0).DistinctBy(m => m.ToUpperInvariant())
            .Where(scope.Covers).Order(StringComparer.CurrentCulture).ToList();
    }

    public static Problem NotFound(string slug) => Problem.NotFound($"Gemeente '{slug}' bestaat niet.");

    public async Task<MunicipalityYardstick> ReadAsync(string municipality, CancellationToken cancellationToken) =>
        new(municipality, Slugs.Of(municipality), await store.ListTargetsAsync(municipality, cancellationToken), await YearsAsync(municipality, cancellationToken))
        {
            References = await store.ListReferencesAsync(municipality, cancellationToken),
        };

    /// <param name="replaces">The key of the target this one replaces (the admin page's edit form): removed once the new one is saved, when its key differs.</param>
    public async Task<IReadOnlyList<FieldError>> SaveTargetAsync(string municipality, TargetInput input, CancellationToken cancellationToken, string? replaces = null)
    {
        var errors = new List<FieldError>();
        var audience = input.Audience?.Trim();
        if (audience is not (Audiences.OudersName or Audiences.JongerenName)) errors.Add(new FieldError("audience", "Kies de doelgroep: ouders of jongeren."));
        var measure = input.Measure?.Trim();
        if (measure is null || !Pages.Reports.ReportText.HeadlineIndicators.Contains(measure))
            errors.Add(new FieldError("measure", "Kies het onderwerp (toegang, kwaliteit, effect of rapportcijfer)."));
        var dimension = string.IsNullOrWhiteSpace(input.Dimension) ? Dimensions.Total : input.Dimension.Trim();
        var domainValue = dimension == Dimensions.Total ? "totaal" : input.DomainValue?.Trim() ?? "";
        if (dimension != Dimensions.Total && !Dimensions.Breakdowns.Contains(dimension))
            errors.Add(new FieldError("dimension", "Kies totaal, zorgvorm, leeftijdsgroep of verwijzer."));
        else if (dimension != Dimensions.Total && (domainValue.Length is 0 or > 100 || domainValue.Contains('|')))
            errors.Add(new FieldError("domainValue", "Vul de groep in, zoals 12-17 of ambulant (hoogstens 100 tekens)."));
        var max = measure == "rapportcijfer" ? 10 : 100;
        var min = measure == "rapportcijfer" ? 1 : 0;
        if (!double.TryParse(input.Value?.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max || double.IsNaN(value))
            errors.Add(new FieldError("value", measure == "rapportcijfer" ? "Vul een cijfer in van 1 tot en met 10, zoals 7,5." : "Vul een percentage in van 0 tot en met 100, zoals 75."));
        var thisYear = clock.GetUtcNow().Year;
        if (!int.TryParse(input.TargetYear?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var targetYear) || targetYear < 2000 || targetYear > thisYear + 10)
            errors.Add(new FieldError("targetYear", $"Vul het jaar in waarin de streefwaarde gehaald moet zijn (2000 tot en met {thisYear + 10})."));
        var title = PlainText.Clean(input.PolicyTitle);
        if (title.Length is 0 or > PolicyTitleChars || title.Contains('\n'))
            errors.Add(new FieldError("policyTitle", $"Noem het beleidsstuk waar de streefwaarde uit komt, op één regel (hoogstens {PolicyTitleChars} tekens)."));
        var link = string.IsNullOrWhiteSpace(input.PolicyLink) ? null : input.PolicyLink.Trim();
        if (link is not null && (link.Length > PolicyLinkChars || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            errors.Add(new FieldError("policyLink", "Vul een volledig webadres in dat begint met https://, of laat het veld leeg."));
        if (errors.Count > 0) return errors;
        var target = new Target(municipality, audience!, measure!, dimension, domainValue, Math.Round(value, 1), targetYear, title, link);
        await store.SaveTargetAsync(target, cancellationToken);
        // Saved first, removed after: sent twice, or cut off in between, there is never a moment without the target.
        if (IsTargetKey(replaces) && replaces != target.Key) await store.DeleteTargetAsync(municipality, replaces!, cancellationToken);
        return [];
    }

    public Task DeleteTargetAsync(string municipality, string key, CancellationToken cancellationToken) => store.DeleteTargetAsync(municipality, key, cancellationToken);

    /// <summary>A target's key as <see cref="Target.Key"/> makes it: audience|measure|dimension|group|year, no part empty.</summary>
    public static bool IsTargetKey(string? key) =>
        key?.Split('|') is [{ Length: > 0 }, { Length: > 0 }, { Length: > 0 }, { Length: > 0 }, var year] && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>Only a year without a wave of its own, from 2000 up to this year; an empty reason is refused (a gap is explained, never deleted).</summary>
    public async Task<IReadOnlyList<FieldError>> SaveGapReasonAsync(string municipality, int year, GapReasonInput input, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var now = clock.GetUtcNow();
        if (year < 2000 || year > now.Year) errors.Add(new FieldError("year", $"Kies een jaar van 2000 tot en met {now.Year}."));
        else if ((await SurveysAsync(municipality, cancellationToken)).Any(s => s.Year == year))
            errors.Add(new FieldError("year", $"In {year} is er een meting. Een reden geeft u alleen voor een jaar zonder onderzoek."));
        var reason = PlainText.Clean(input.Reason);
        if (reason.Length is 0 or > ReasonChars) errors.Add(new FieldError("reason", $"Schrijf waarom er geen onderzoek was (hoogstens {ReasonChars} tekens)."));
        if (errors.Count > 0) return errors;
        await store.SaveGapReasonAsync(new GapReason(municipality, year, reason, now), cancellationToken);
        return [];
    }

    /// <summary>Reference figures from a CSV file: all stored (one transaction) or, with any wrong line, none; the errors name line and column.</summary>
    public async Task<IReadOnlyList<string>> ImportReferencesAsync(string municipality, ReadOnlyMemory<byte> csv, CancellationToken cancellationToken)
    {
        var import = ReferenceFigureCsv.Parse(csv.Span);
        if (!import.Succeeded) return import.Errors;
        await store.SaveReferencesAsync(municipality, import.Figures, cancellationToken);
        return [];
    }

    /// <summary>
    /// Removes the reference figure with this key (<see cref="ReferenceFigure.Key"/>: measure|audience|source|year).
    /// It is looked up among the stored figures rather than parsed, because a source may itself contain '|'. A key
    /// that matches nothing (removed already, or never there) changes nothing. Published report versions keep the
    /// copy they were composed with; only later versions go without it.
    /// </summary>
    public async Task DeleteReferenceAsync(string municipality, string key, CancellationToken cancellationToken)
    {
        var figure = (await store.ListReferencesAsync(municipality, cancellationToken)).FirstOrDefault(f => f.Key == key);
        if (figure is not null) await store.DeleteReferenceAsync(municipality, figure, cancellationToken);
    }

    public async Task<IReadOnlyList<ReportYearStatus>> YearsAsync(string municipality, CancellationToken cancellationToken) =>
        ReportYears.Account(municipality, await SurveysAsync(municipality, cancellationToken), await store.ListGapReasonsAsync(municipality, cancellationToken), clock.GetUtcNow().Year);

    /// <summary>
    /// For the public pages: every configured municipality with at least one year to account for, by slug. Public on
    /// purpose — which years were surveyed, published (when) or skipped (why) is what the council must be able to see.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (string Name, IReadOnlyList<ReportYearStatus> Years)>> PublicYearsAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, (string, IReadOnlyList<ReportYearStatus>)>(StringComparer.Ordinal);
        foreach (var name in await MunicipalitiesAsync(OfficerScope.Coordinator, cancellationToken))
            if (await YearsAsync(name, cancellationToken) is { Count: > 0 } years)
                result[Slugs.Of(name)] = (name, years);
        return result;
    }

    /// <summary>The municipality's own yearly waves (its own or a region wave it is part of; never a supplementary one).</summary>
    private async Task<List<SurveyYear>> SurveysAsync(string municipality, CancellationToken cancellationToken)
    {
        var result = new List<SurveyYear>();
        foreach (var wave in (await waves.ListAsync(cancellationToken)).Where(w => !w.Settings.Supplementary
                     && w.Settings.Municipalities.Any(m => string.Equals(m.Trim(), municipality, StringComparison.OrdinalIgnoreCase))))
        {
            DateOnly? first = null;
            if (wave.State == WaveState.Published)
            {
                var slug = ReportComposer.SlugOf(wave, municipality);
                var versions = (await archive.ListAsync(slug, cancellationToken)).Where(v => v.Year == wave.Settings.Year).ToList();
                if (versions.Count > 0 && await archive.ReadMetaAsync(slug, wave.Settings.Year, versions.Min(v => v.Version), cancellationToken) is { } meta)
                    first = Pages.Shared.Format.DutchDate(meta.PublishedAt);
            }
            result.Add(new SurveyYear(wave.Settings.Year, wave.State == WaveState.Published, first));
        }
        return result;
    }
}
