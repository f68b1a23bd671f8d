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

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

        void Positive(int value, params string[] path)
        {
            if (value < 1) problems.Add($"{ErvaringSettings.Key(path)} moet een geheel getal van minstens 1 zijn (nu {value}).");
        }
    }

    private static bool IsBase64OfAtLeast32Bytes(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written >= 32;
    }
}
