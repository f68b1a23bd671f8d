using Ervaring.Functions.Hosting.Settings;
using Microsoft.Extensions.Options;

namespace Ervaring.Functions.Security;

/// <summary>
/// Entra group object ids to municipalities, from configuration: <c>Ervaring:Municipalities:{n}:EntraGroups</c> make
/// a group's members officers of that municipality, <c>Ervaring:Region:CoordinatorGroups</c> regional coordinators.
/// A member of several groups covers all their municipalities. The app role (beheerder, onderzoeker) still comes
/// from the Entra app role alone: a group gives reach, never a role. Group ids compare without regard to case
/// (they are GUIDs, which Entra writes in lower case and an operator may paste in upper case).
/// </summary>
public sealed class EntraGroupScopes
{
    private readonly Dictionary<string, List<string>> _municipalitiesByGroup = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _coordinatorGroups;

    public EntraGroupScopes(IOptions<ErvaringSettings> options)
    {
        var settings = options.Value;
        foreach (var municipality in settings.Municipalities.Values)
        {
            if (string.IsNullOrWhiteSpace(municipality.Name)) continue;
            foreach (var group in OfficerScope.SplitList(municipality.EntraGroups))
            {
                if (!_municipalitiesByGroup.TryGetValue(group, out var list)) _municipalitiesByGroup[group] = list = [];
                list.Add(municipality.Name.Trim());
            }
        }
        _coordinatorGroups = OfficerScope.SplitList(settings.Region.CoordinatorGroups).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The scope of a member of these groups; nothing when no group is mapped.</summary>
    public OfficerScope For(IEnumerable<string> groups)
    {
        var list = groups.ToList();
        if (list.Any(_coordinatorGroups.Contains)) return OfficerScope.Coordinator;
        return new OfficerScope(false, list.SelectMany(g => _municipalitiesByGroup.GetValueOrDefault(g) ?? []));
    }
}
