using System.Security.Cryptography;
using Ervaring.Functions.Hosting.Settings;
using Ervaring.Functions.Reports;
using Microsoft.Extensions.Options;

namespace Ervaring.Functions.Municipalities;

/// <summary>A logo as it is served: read once at start-up (settings are fixed for the app's life).</summary>
public sealed record MunicipalityLogo(byte[] Content, string ContentType, string ETag);

/// <summary>
/// The municipalities of this deployment by name and by slug, built once from <see cref="ErvaringSettings"/> (which
/// start-up validation has checked: unique names, readable logos, e-mail shapes). Names match case-insensitively,
/// as a frame's gemeente column may spell them otherwise than the settings.
/// </summary>
public sealed class MunicipalityDirectory
{
    private readonly Dictionary<string, MunicipalityIdentity> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, MunicipalityIdentity> _bySlug = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MunicipalityLogo> _logos = new(StringComparer.Ordinal);

    public MunicipalityDirectory(IOptions<ErvaringSettings> options)
    {
        var settings = options.Value;
        RegionName = Clean(settings.Region.Name);
        Processor = Clean(settings.Region.Processor);
        foreach (var setting in settings.Municipalities.Values)
        {
            if (Clean(setting.Name) is not { } name) continue;
            var slug = Slugs.Of(name);
            var logo = Clean(setting.Logo) is { } path ? Load(path) : null;
            var identity = new MunicipalityIdentity
            {
                Name = name,
                Slug = slug,
                DisplayName = Clean(setting.DisplayName) ?? Fallback(name),
                Configured = true,
                HasLogo = logo is not null,
                HelpPhone = Clean(setting.HelpPhone),
                HelpEmail = Clean(setting.HelpEmail),
                HelpHours = Clean(setting.HelpHours),
                PrivacyContact = Clean(setting.PrivacyContact),
                DataProtectionOfficer = Clean(setting.DataProtectionOfficer),
            };
            _byName.TryAdd(name, identity);
            _bySlug.TryAdd(slug, identity);
            if (logo is not null) _logos.TryAdd(slug, logo);
        }
    }

    /// <summary>The region's name (<c>Ervaring:Region:Name</c>), shown before a family's municipality is known.</summary>
    public string? RegionName { get; }

    /// <summary>Who processes the data for the municipalities (<c>Ervaring:Region:Processor</c>).</summary>
    public string? Processor { get; }

    /// <summary>The configured municipalities, by display name.</summary>
    public IReadOnlyList<MunicipalityIdentity> All => _byName.Values.OrderBy(m => m.DisplayName, StringComparer.CurrentCulture).ToList();

    /// <summary>The identity of a municipality by its name as in waves; a plain one when it is not configured.</summary>
    public MunicipalityIdentity For(string municipality) =>
        _byName.TryGetValue(municipality.Trim(), out var known) ? known
            : new MunicipalityIdentity { Name = municipality, Slug = Slugs.Of(municipality), DisplayName = Fallback(municipality) };

    public MunicipalityIdentity? BySlug(string slug) => _bySlug.GetValueOrDefault(slug);

    public MunicipalityLogo? Logo(string slug) => _logos.GetValueOrDefault(slug);

    private static string Fallback(string name) => $"Gemeente {name.Trim()}";

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Validation has refused a start with an unusable logo; a file that vanished since is left out, not fatal.</summary>
    private static MunicipalityLogo? Load(string configured)
    {
        if (LogoFile.Problem(configured) is not null) return null;
        var content = File.ReadAllBytes(LogoFile.Resolve(configured));
        var type = LogoFile.ContentTypeOf(content);
        return type is null ? null : new MunicipalityLogo(content, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
    }
}
