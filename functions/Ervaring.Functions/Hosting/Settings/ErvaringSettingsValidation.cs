using Ervaring.Functions.Municipalities;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Security;
using Microsoft.Extensions.Options;

namespace Ervaring.Functions.Hosting.Settings;

/// <summary>
/// Refuses a start with settings that cannot work, with a Dutch sentence naming the setting. Rules that depend on the
/// environment (secrets and the public address required in Production) are checked where those values are built,
/// <c>ServerSecrets</c> and <c>PublicBaseUrl</c>, which also run at start-up.
/// </summary>
public sealed class ErvaringSettingsValidation : IValidateOptions<ErvaringSettings>
{
    public ValidateOptionsResult Validate(string? name, ErvaringSettings settings)
    {
        var problems = new List<string>();
        Positive(settings.Mixing.MinimumBatch, "Mixing", "MinimumBatch");
        Positive(settings.RateLimits.SurveyPostsPerMinute, "RateLimits", "SurveyPostsPerMinute");
        Positive(settings.RateLimits.AdminPerMinute, "RateLimits", "AdminPerMinute");
        Positive(settings.Survey.MaxFailedLookups, "Survey", "MaxFailedLookups");
        if (!(settings.Sessions.AbsoluteHours > 0) || settings.Sessions.AbsoluteHours > SessionLifetime.MaximumHours)
            problems.Add($"{ErvaringSettings.Key("Sessions", "AbsoluteHours")} moet een aantal uren zijn groter dan 0 en hoogstens {SessionLifetime.MaximumHours} (standaard 12).");

        if (settings.AdminApiKey is { Length: > 0 and < ApiKeyRegistry.MinimumLength })
            problems.Add($"{ErvaringSettings.Key("AdminApiKey")} moet minstens {ApiKeyRegistry.MinimumLength} tekens hebben.");
        foreach (var (id, key) in settings.ApiKeys)
        {
            if (!Roles.All.Contains(key.Role ?? ""))
                problems.Add($"{ErvaringSettings.Key("ApiKeys", id, "Role")} moet 'beheerder' of 'onderzoeker' zijn.");
            if ((key.Key ?? "").Length < ApiKeyRegistry.MinimumLength)
                problems.Add($"{ErvaringSettings.Key("ApiKeys", id, "Key")} moet minstens {ApiKeyRegistry.MinimumLength} tekens hebben.");
        }
        problems.AddRange(OfficerScopeSettingsValidation.Problems(settings));

        foreach (var (secret, value) in new[] { ("TokenKey", settings.Secrets.TokenKey), ("HashPepper", settings.Secrets.HashPepper) })
            if (!string.IsNullOrWhiteSpace(value) && !IsBase64OfAtLeast32Bytes(value))
                problems.Add($"{ErvaringSettings.Key("Secrets", secret)} moet base64 van minstens 32 willekeurige bytes zijn.");

        var storage = settings.Storage;
        if (string.IsNullOrWhiteSpace(storage.ConnectionString) && (storage.TableEndpoint is null) != (storage.BlobEndpoint is null))
            problems.Add($"Zet {ErvaringSettings.Key("Storage", "TableEndpoint")} en {ErvaringSettings.Key("Storage", "BlobEndpoint")} allebei, of een {ErvaringSettings.Key("Storage", "ConnectionString")}.");

        Municipalities(settings, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

        void Positive(int value, params string[] path)
        {
            if (value < 1) problems.Add($"{ErvaringSettings.Key(path)} moet een geheel getal van minstens 1 zijn (nu {value}).");
        }
    }

    /// <summary>
    /// Each municipality has a name, unique (also as an address: /privacy/{slug}), a logo we can serve, and contact
    /// addresses of the right shape: a family must never be sent to the wrong municipality or to a broken address.
    /// </summary>
    private static void Municipalities(ErvaringSettings settings, List<string> problems)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, municipality) in settings.Municipalities)
        {
            string Key(string setting) => ErvaringSettings.Key("Municipalities", id, setting);
            if (string.IsNullOrWhiteSpace(municipality.Name))
            {
                problems.Add($"{Key("Name")} ontbreekt: de naam van de gemeente zoals in de metingen en in de kolom gemeente van het cliëntenbestand.");
                continue;
            }
            var name = municipality.Name.Trim();
            if (names.TryGetValue(name, out var other))
                problems.Add($"{Key("Name")} '{name}' staat er twee keer in (ook bij {ErvaringSettings.Key("Municipalities", other, "Name")}); elke gemeente mag maar één keer voorkomen.");
            else if (slugs.TryGetValue(Slugs.Of(name), out var same))
                problems.Add($"{Key("Name")} '{name}' krijgt hetzelfde adres (/privacy/{Slugs.Of(name)}) als {ErvaringSettings.Key("Municipalities", same, "Name")}; kies namen die meer verschillen.");
            names.TryAdd(name, id);
            slugs.TryAdd(Slugs.Of(name), id);

            if (!string.IsNullOrWhiteSpace(municipality.Logo) && LogoFile.Problem(municipality.Logo.Trim()) is { } logo)
                problems.Add($"{Key("Logo")}: {logo}");
            if (!string.IsNullOrWhiteSpace(municipality.HelpEmail) && !IsEmail(municipality.HelpEmail))
                problems.Add($"{Key("HelpEmail")} '{municipality.HelpEmail}' is geen e-mailadres (zoals vragen@gemeente.nl).");
            if (!string.IsNullOrWhiteSpace(municipality.PrivacyContact) && !IsEmail(municipality.PrivacyContact) && !IsWebAddress(municipality.PrivacyContact))
                problems.Add($"{Key("PrivacyContact")} '{municipality.PrivacyContact}' is geen e-mailadres en geen webadres (https://…).");
        }
    }

    /// <summary>One '@' with something before it and a dotted domain after it, no spaces: what a mailto link needs.</summary>
    private static bool IsEmail(string value)
    {
        var text = value.Trim();
        var at = text.IndexOf('@');
        return at > 0 && at == text.LastIndexOf('@') && !text.Any(char.IsWhiteSpace) && text.IndexOf('.', at) is var dot && dot > at + 1 && dot < text.Length - 1
               && !text.Contains(':') && !text.Contains('<') && !text.Contains('>');
    }

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    private static bool IsBase64OfAtLeast32Bytes(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written >= 32;
    }
}
