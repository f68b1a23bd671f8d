using System.Security.Cryptography;
using System.Text;
using Ervaring.Core.Sampling;
using Ervaring.Core.Surveys;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Security;
using Ervaring.Functions.Surveys;
using Ervaring.Storage;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Waves;

/// <summary>
/// Turns validated settings into a new wave: resolves questionnaire versions and picks a readable id, and keeps
/// "one wave per municipality and year". A municipality's wave for a year is reserved in storage in one
/// transaction (<see cref="WaveStore.ReserveAsync"/>), so of two requests at the same moment exactly one gets
/// the year; the other is told which wave has it. A second wave in the same year must be asked for explicitly
/// (<see cref="WaveSettings.Supplementary"/>); a supplementary wave is reserved by its settings, so the same
/// supplementary wave sent twice is created once.
/// </summary>
public sealed class WaveCreation(SurveyDefinitionCatalog catalog, WaveStore waves, TimeProvider clock)
{
    public IReadOnlyList<FieldError> Validate(WaveSettings settings)
    {
        var errors = WaveSettingsValidator.Validate(settings, (audience, id) =>
            catalog.Latest(id) is { } definition && definition.Audience.Name() == audience).ToList();
        if (settings.QuestionnaireVersion is { } version)
        {
            var missing = settings.Definitions.Values.Where(id => catalog.Latest(id) is not null && catalog.Find(id, version) is null).ToList();
            if (missing.Count > 0)
            {
                var known = string.Join(" of ", catalog.All.Where(d => d.Id == missing[0]).Select(d => d.Version).Order());
                errors.Add(new FieldError("questionnaireVersion", $"Er is geen versie {version} van de vragenlijst '{missing[0]}'. Kies versie {known}."));
            }
        }
        return errors;
    }

    /// <summary>
    /// Validates, reserves and stores a new wave. Validation errors are a 400 problem with <c>errors</c> per field;
    /// a year that another wave already has is a 409 naming that wave.
    /// </summary>
    public Task<Outcome<WaveRecord>> CreateAsync(WaveSettings settings, string actor, CancellationToken cancellationToken) =>
        CreateAsync(settings, actor, OfficerScope.Coordinator, cancellationToken); // the app's own (the demo), not an officer's

    /// <summary>
    /// As an officer: the wave must lie within the officer's municipalities, all of them (403 otherwise, before anything
    /// is reserved); a wave that already has the year is named only when the officer may see it.
    /// </summary>
    public async Task<Outcome<WaveRecord>> CreateAsync(WaveSettings settings, string actor, OfficerScope scope, CancellationToken cancellationToken)
    {
        var errors = Validate(settings);
        if (errors.Count > 0) return Problem.Validation(errors);
        if (!scope.CoversAll(settings.Municipalities))
            return Problem.Forbidden(OutsideScope(settings, scope));
        var wave = New(settings);
        if (await ReserveAsync(wave, scope, cancellationToken) is { } taken) return Problem.Conflict(taken);
        await waves.CreateAsync(wave, actor, cancellationToken);
        return wave;
    }

    private WaveRecord New(WaveSettings settings)
    {
        var normalised = settings with
        {
            Municipalities = settings.Municipalities.Select(m => m.Trim()).ToList(),
            Region = string.IsNullOrWhiteSpace(settings.Region) ? null : settings.Region.Trim(),
        };
        var definitions = normalised.Definitions.ToDictionary(
            d => d.Key,
            d => new DefinitionRef(d.Value, catalog.ForNewWave(d.Value, normalised.QuestionnaireVersion)!.Version));
        return new WaveRecord
        {
            Id = NewId(normalised),
            Settings = normalised,
            Definitions = definitions,
            CreatedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>Which asked municipalities the officer does not cover; names only what the officer typed.</summary>
    private static string OutsideScope(WaveSettings settings, OfficerScope scope)
    {
        var outside = settings.Municipalities.Where(m => !scope.Covers(m)).Select(m => m.Trim()).Distinct(StringComparer.OrdinalIgnoreCase);
        return $"U mag alleen metingen aanmaken voor de gemeenten waarvoor u bent aangewezen ({(scope.Municipalities.Count == 0 ? "geen" : scope.ToString())}). " +
               $"Niet voor: {string.Join(", ", outside)}. Een meting voor meer gemeenten of de hele regio maakt de regiocoördinator aan.";
    }

    /// <summary>Null when the wave may be created (its keys are now reserved for it); else the Dutch reason why not.</summary>
    private async Task<string?> ReserveAsync(WaveRecord wave, OfficerScope scope, CancellationToken cancellationToken)
    {
        var settings = wave.Settings;
        if (!settings.Supplementary)
        {
            // Waves created before reservations existed hold no reservation: look for them too.
            var earlier = (await waves.ListAsync(cancellationToken)).FirstOrDefault(w => !w.Settings.Supplementary && w.Settings.Year == settings.Year
                && w.Settings.Municipalities.Any(m => settings.Municipalities.Contains(m, StringComparer.OrdinalIgnoreCase)));
            if (earlier is not null) return YearTaken(earlier, settings, scope);
        }
        var reservation = await waves.ReserveAsync(wave.Id, ReservationKeys(settings), clock.GetUtcNow(), cancellationToken);
        if (reservation.Reserved) return null;
        var holder = reservation.HolderId is { } id ? (await waves.GetAsync(id, cancellationToken))?.Wave : null;
        if (settings.Supplementary)
            return holder is null
                ? "Precies deze aanvullende meting wordt op dit moment al aangemaakt. Bekijk de lijst met metingen voordat u het opnieuw probeert."
                : $"Er is al een aanvullende meting met precies deze instellingen: '{holder.DisplayName}' ({holder.Id}). Er is geen tweede gemaakt. " +
                  "Wilt u echt nog een aanvullende meting, geef haar dan een andere naam of andere veldwerkdata.";
        return holder is null
            ? $"Voor deze gemeente en dit jaar ({settings.Year}) wordt op dit moment al een meting aangemaakt ({reservation.HolderId}). Er is geen tweede gemaakt."
            : YearTaken(holder, settings, scope);
    }

    private static string YearTaken(WaveRecord existing, WaveSettings asked, OfficerScope scope)
    {
        var municipality = existing.Settings.Municipalities.FirstOrDefault(m => asked.Municipalities.Contains(m, StringComparer.OrdinalIgnoreCase)) ?? asked.Municipalities[0];
        // A region wave that also covers municipalities outside the officer's is not named: its name and id are not theirs to see.
        var which = scope.Covers(existing) ? $": '{existing.DisplayName}' ({existing.Id}, {existing.State.Dutch()})" : " (een regionale meting; vraag de regiocoördinator)";
        return $"Voor {municipality} is er al een meting over {asked.Year}{which}. Er is geen tweede gemaakt. " +
               "Per gemeente is er één meting per jaar; wilt u toch een tweede meting in dit jaar, maak dan een aanvullende meting (supplementary: true).";
    }

    /// <summary>
    /// "meting|{year}|{municipality}" per municipality for the year's wave; for a supplementary wave one key made
    /// from all its settings (name included), so only an identical request counts as a repeat.
    /// </summary>
    public static IReadOnlyList<string> ReservationKeys(WaveSettings settings) => settings.Supplementary
        ? [$"aanvullend|{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StorageJson.Serialize(settings))))[..32]}"]
        : settings.Municipalities.Select(m => $"meting|{settings.Year}|{m.Trim().ToLowerInvariant()}").ToList();


    /// <summary>"2026-voorbeeld-k3f9x2": year, place, and a random tail so two waves never clash.</summary>
    private static string NewId(WaveSettings settings)
    {
        var place = Slug(settings.Region ?? settings.Municipalities.FirstOrDefault() ?? "meting");
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var tail = string.Create(6, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
        return $"{settings.Year}-{place}-{tail}";
    }

    private static string Slug(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(c);
            else if ((c == ' ' || c == '-') && builder.Length > 0 && builder[^1] != '-') builder.Append('-');
            if (builder.Length >= 30) break;
        }
        return builder.ToString().Trim('-') is { Length: > 0 } slug ? slug : "meting";
    }
}
