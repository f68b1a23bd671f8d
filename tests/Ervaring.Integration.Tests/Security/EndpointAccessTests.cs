using Ervaring.Functions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Ervaring.Integration.Tests.Security;

/// <summary>Every endpoint is either protected by a role policy or public by an explicit decision.</summary>
public sealed class EndpointAccessTests
{
    private static IReadOnlyList<RouteEndpoint> Endpoints()
    {
        var app = Program.Build(["--Ervaring:Storage:ConnectionString=UseDevelopmentStorage=true"]);
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
    }

    /// <summary>Public by decision, with the reason. Anything else public is a mistake.</summary>
    private static readonly Dictionary<string, string> PublicPrefixes = new()
    {
        ["/health"] = "says only whether storage answers",
        ["/api/openapi.json"] = "describes the API, holds no data",
        ["/s"] = "the survey: the unguessable token is the key",
        ["/assets"] = "stylesheet and script",
        ["/raad"] = "the published council reports and open data",
        ["/beheer/inloggen"] = "the sign-in page",
        ["/beheer/uitloggen"] = "signing out",
        ["/NightlyMaintenance"] = "timer: answers only under the Functions host",
        ["/YearlyReport"] = "timer: answers only under the Functions host",
    };

    [Fact]
    public void Every_endpoint_declares_a_role_or_is_public_by_decision()
    {
        var problems = new List<string>();
        foreach (var endpoint in Endpoints())
        {
            var path = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            // A role policy, or at least "signed in" (the page that tells a signed-in user they lack the role).
            var protectedBy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var decidedPublic = PublicPrefixes.Keys.Any(prefix => path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal));
            if (anonymous && !decidedPublic) problems.Add($"{path} is public but not in the list of public decisions");
            if (!anonymous && protectedBy.Count == 0) problems.Add($"{path} declares neither authorization nor AllowAnonymous");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void The_admin_api_is_protected_by_a_role_policy()
    {
        var api = Endpoints().Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true
                                         && e.RoutePattern.RawText.TrimStart('/') != "api/openapi.json").ToList();
        Assert.NotEmpty(api);
        Assert.All(api, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy is not null));
    }
}
