using Ervaring.Storage;

namespace Ervaring.Functions.Hosting.Settings;

/// <summary>
/// Every <c>Ervaring:*</c> setting, typed, in one place. Bound from the configuration section <c>Ervaring</c>
/// (app settings <c>Ervaring__…</c> in Azure, <c>--Ervaring:…=</c> on the command line) and validated at start-up by
/// <see cref="ErvaringSettingsValidation"/>. The README's configuration table is checked against this class by
/// <c>SettingsTableTests</c>, and no other source file reads an <c>Ervaring:</c> key.
/// </summary>
public sealed class ErvaringSettings
{
    public const string Section = "Ervaring";

    /// <summary>How the app reaches its storage account (connection string, or endpoints and a managed identity).</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>The two server secrets, base64 of at least 32 random bytes each (see <c>ServerSecrets</c>).</summary>
    public SecretSettings Secrets { get; set; } = new();

    /// <summary>API key with role beheerder.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>More API keys by a name of the operator's choosing: <c>Ervaring:ApiKeys:{n}:Key/Role/Name</c>.</summary>
    public Dictionary<string, ApiKeySetting> ApiKeys { get; set; } = [];

    /// <summary>
    /// The municipalities this deployment serves, by an id of the operator's choosing: who they are on the survey
    /// pages and in the privacy statement, and which Entra groups are their officers (see docs/deploy.md).
    /// </summary>
    public Dictionary<string, MunicipalitySetting> Municipalities { get; set; } = [];

    /// <summary>The region the deployment serves as a whole: its name, its coordinators and who processes the data.</summary>
    public RegionSettings Region { get; set; } = new();

    /// <summary>The address in front of every personal link (see <c>PublicBaseUrl</c>); required in Production.</summary>
    public string? PublicBaseUrl { get; set; }

    public MixingSettings Mixing { get; set; } = new();

    public RateLimitSettings RateLimits { get; set; } = new();

    public SurveySettings Survey { get; set; } = new();

    public SessionSettings Sessions { get; set; } = new();

    /// <summary>Admin pages send officers to the platform's Entra ID sign-in instead of the key form.</summary>
    public bool EntraSignIn { get; set; }

    public DemoSettings Demo { get; set; } = new();

    /// <summary>Behave as under the Functions host (the worker sets it for itself; tests set it on the development server).</summary>
    public bool UnderFunctionsHost { get; set; }

    /// <summary>Run the timer functions locally on their schedules.</summary>
    public bool DevelopmentScheduler { get; set; }

    /// <summary>Where the questionnaires are read; empty means next to the app.</summary>
    public string? SurveyDefinitionsPath { get; set; }

    /// <summary>The functions.metadata the development server and scheduler serve; empty means next to the app.</summary>
    public string? FunctionsMetadataPath { get; set; }

    /// <summary>The settings as configured now (for the few places that run before dependency injection exists).</summary>
    public static ErvaringSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ErvaringSettings>() ?? new ErvaringSettings();

    /// <summary>The full configuration key of a setting, for messages and for tests that set one.</summary>
    public static string Key(params string[] path) => string.Join(':', [Section, .. path]);
}

public sealed class SecretSettings
{
    public string? TokenKey { get; set; }
    public string? HashPepper { get; set; }
}

public sealed class ApiKeySetting
{
    public string? Key { get; set; }
    public string? Role { get; set; }
    public string? Name { get; set; }

    /// <summary>The municipalities (names as in waves, comma-separated) whose waves this key may see and change.</summary>
    public string? Municipalities { get; set; }

    /// <summary>Regional coordinator: every municipality of the deployment.</summary>
    public bool Region { get; set; }
}

public sealed class MixingSettings
{
    /// <summary>Completed responses a wave must have before they move to the anonymous store during fielding.</summary>
    public int MinimumBatch { get; set; } = 20;
}

public sealed class RateLimitSettings
{
    public int SurveyPostsPerMinute { get; set; } = 120;
    public int AdminPerMinute { get; set; } = 600;
}

public sealed class SurveySettings
{
    /// <summary>Unknown links or codes per client before a 15-minute block.</summary>
    public int MaxFailedLookups { get; set; } = 10;
}

public sealed class SessionSettings
{
    /// <summary>Hours after signing in when an admin session ends whatever its use (besides the 8 hours sliding).</summary>
    public double AbsoluteHours { get; set; } = 12;
}

public sealed class DemoSettings
{
    /// <summary>Build the demo municipality at start-up.</summary>
    public bool Seed { get; set; }
}
