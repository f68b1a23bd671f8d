namespace Ervaring.Functions.Hosting.Settings;

/// <summary>One municipality of the deployment: <c>Ervaring:Municipalities:{id}:…</c>.</summary>
public sealed class MunicipalitySetting
{
    /// <summary>The name as in waves and in the frame's gemeente column, e.g. "Voorbeeldstad".</summary>
    public string? Name { get; set; }

    /// <summary>How the municipality calls itself to families, e.g. "Gemeente Voorbeeldstad" (default: "Gemeente " + Name).</summary>
    public string? DisplayName { get; set; }

    /// <summary>A PNG or JPEG logo, a path relative to the app's folder (or absolute); validated at start-up.</summary>
    public string? Logo { get; set; }

    /// <summary>The help line families may call or mail with questions about the survey.</summary>
    public string? HelpPhone { get; set; }
    public string? HelpEmail { get; set; }

    /// <summary>When the help line answers, e.g. "maandag tot en met vrijdag, 9.00 tot 17.00 uur".</summary>
    public string? HelpHours { get; set; }

    /// <summary>Where a family uses its privacy rights (e-mail address or web address).</summary>
    public string? PrivacyContact { get; set; }

    /// <summary>The data protection officer (functionaris gegevensbescherming): name and how to reach them.</summary>
    public string? DataProtectionOfficer { get; set; }

    /// <summary>Entra group object ids (comma-separated) whose members are officers of this municipality.</summary>
    public string? EntraGroups { get; set; }
}

/// <summary>The deployment's region as a whole: <c>Ervaring:Region:…</c>.</summary>
public sealed class RegionSettings
{
    /// <summary>The region's name, e.g. "Jeugdregio Voorbeeld".</summary>
    public string? Name { get; set; }

    /// <summary>Entra group object ids (comma-separated) whose members are regional coordinators (every municipality).</summary>
    public string? CoordinatorGroups { get; set; }

    /// <summary>Who processes the data for the municipalities (verwerker), named in the privacy statement.</summary>
    public string? Processor { get; set; }
}
