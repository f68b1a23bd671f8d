using System.Security.Claims;
using Ervaring.Core.Waves;

namespace Ervaring.Functions.Security;

/// <summary>
/// Which municipalities an officer may see and act for: the one answer every access decision about a wave asks
/// (issue 15, need-to-know under the AVG). A regional coordinator covers every municipality of the deployment;
/// anyone else covers exactly the municipalities listed for their API key or mapped from their Entra groups.
/// A wave is covered only when every municipality it covers is: a region wave needs the whole region
/// (docs/architecture.md, "Access per municipality"). Names compare as waves store them, trimmed and without regard to case.
/// </summary>
public sealed class OfficerScope
{
    /// <summary>One claim per municipality the principal covers; set by authentication, never read from a request.</summary>
    public const string MunicipalityClaim = "ervaring:gemeente";

    /// <summary>Present (value "true") on a regional coordinator.</summary>
    public const string RegionClaim = "ervaring:regio";

    public static readonly OfficerScope Nothing = new(false, []);
    public static readonly OfficerScope Coordinator = new(true, []);

    private readonly HashSet<string> _municipalities;

    public OfficerScope(bool region, IEnumerable<string> municipalities)
    {
        Region = region;
        _municipalities = new HashSet<string>(municipalities.Select(m => m.Trim()).Where(m => m.Length > 0), StringComparer.OrdinalIgnoreCase);
    }

    public bool Region { get; }
    public IReadOnlySet<string> Municipalities => _municipalities;

    /// <summary>"Voorbeeldstad, Havendorp" from configuration.</summary>
    public static OfficerScope FromSetting(string? commaSeparated, bool region) =>
        new(region, SplitList(commaSeparated));

    /// <summary>The scope authentication gave this principal; none for anyone unauthenticated.</summary>
    public static OfficerScope Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Nothing;
        return new OfficerScope(user.HasClaim(RegionClaim, "true"), user.FindAll(MunicipalityClaim).Select(c => c.Value));
    }

    /// <summary>True when every one of the municipalities is covered (and there is at least one, unless coordinator).</summary>
    public bool CoversAll(IEnumerable<string> municipalities)
    {
        if (Region) return true;
        var list = municipalities.ToList();
        return list.Count > 0 && list.All(m => _municipalities.Contains(m.Trim()));
    }

    public bool Covers(WaveRecord wave) => CoversAll(wave.Settings.Municipalities);

    public bool Covers(string municipality) => Region || _municipalities.Contains(municipality.Trim());

    /// <summary>The claims that carry this scope on a principal.</summary>
    public IEnumerable<Claim> ToClaims() => Region
        ? [new Claim(RegionClaim, "true")]
        : _municipalities.Order(StringComparer.OrdinalIgnoreCase).Select(m => new Claim(MunicipalityClaim, m));

    public OfficerScope Union(OfficerScope other) => new(Region || other.Region, _municipalities.Concat(other._municipalities));

    public static IEnumerable<string> SplitList(string? commaSeparated) =>
        (commaSeparated ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => Region ? "regio" : string.Join(", ", _municipalities.Order(StringComparer.OrdinalIgnoreCase));
}
