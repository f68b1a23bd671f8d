using Ervaring.Functions.Security;

namespace Ervaring.Functions.Hosting.Settings;

/// <summary>
/// The start-up rules for who sees which municipality (issue 15). A key without municipalities and without the
/// region would be an officer who sees nothing, or — worse, as before issue 15 — everything: it is refused, so the
/// operator decides. Municipality names in keys are checked against <c>Ervaring:Municipalities</c> when that list is
/// configured, so a typo does not silently lock an officer out.
/// </summary>
public static class OfficerScopeSettingsValidation
{
    public static IEnumerable<string> Problems(ErvaringSettings settings)
    {
        var known = settings.Municipalities.Values.Select(m => m.Name?.Trim()).OfType<string>().Where(n => n.Length > 0)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, key) in settings.ApiKeys)
        {
            var municipalities = OfficerScope.SplitList(key.Municipalities).ToList();
            var setting = ErvaringSettings.Key("ApiKeys", id);
            if (municipalities.Count == 0 && !key.Region)
                yield return $"{setting} hoort bij gemeenten of bij de hele regio: zet {setting}:Municipalities (de namen zoals in de metingen, gescheiden door komma's) " +
                             $"of {setting}:Region=true voor een regiocoördinator.";
            else if (municipalities.Count > 0 && key.Region)
                yield return $"{setting} heeft zowel Municipalities als Region=true; kies één van beide (Region geeft toegang tot elke gemeente).";
            if (known.Count == 0) continue;
            foreach (var unknown in municipalities.Where(m => !known.Contains(m)))
                yield return $"{setting}:Municipalities noemt '{unknown}', maar die gemeente staat niet in {ErvaringSettings.Key("Municipalities")} (Name).";
        }
        foreach (var (id, municipality) in settings.Municipalities)
            if (!string.IsNullOrWhiteSpace(municipality.EntraGroups) && string.IsNullOrWhiteSpace(municipality.Name))
                yield return $"{ErvaringSettings.Key("Municipalities", id, "Name")} ontbreekt, maar {ErvaringSettings.Key("Municipalities", id, "EntraGroups")} is gezet: zonder naam horen die groepen bij geen enkele meting.";
    }
}
