using System.Security.Cryptography;
using System.Text;
using Ervaring.Core.Surveys;
using Ervaring.Core.Waves;
using Ervaring.Functions.Surveys;

namespace Ervaring.Functions.Waves;

/// <summary>Turns validated settings into a new wave: resolves questionnaire versions and picks a readable id.</summary>
public sealed class WaveCreation(SurveyDefinitionCatalog catalog, TimeProvider clock)
{
    public IReadOnlyList<FieldError> Validate(WaveSettings settings) =>
        WaveSettingsValidator.Validate(settings, (audience, id) =>
            catalog.Latest(id) is { } definition && AudienceName(definition.Audience) == audience);

    public WaveRecord Create(WaveSettings settings)
    {
        var normalised = settings with
        {
            Municipalities = settings.Municipalities.Select(m => m.Trim()).ToList(),
            Region = string.IsNullOrWhiteSpace(settings.Region) ? null : settings.Region.Trim(),
        };
        var definitions = normalised.Definitions.ToDictionary(
            d => d.Key,
            d => new DefinitionRef(d.Value, catalog.Latest(d.Value)!.Version));
        return new WaveRecord
        {
            Id = NewId(normalised),
            Settings = normalised,
            Definitions = definitions,
            CreatedAt = clock.GetUtcNow(),
        };
    }

    public static string AudienceName(SurveyAudience audience) => audience == SurveyAudience.Ouders ? "ouders" : "jongeren";

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
