using Ervaring.Functions.Hosting.Functions;

namespace Ervaring.Integration.Tests.Security;

/// <summary>Every HTTP function declares who may call it; public only by an explicit, listed decision.</summary>
public sealed class EndpointAccessTests
{
    /// <summary>Public by decision, with the reason, by route. Anything else public is a mistake.</summary>
    private static readonly Dictionary<string, string> PublicRoutes = new()
    {
        ["health"] = "says only whether storage answers",
        ["api/openapi.json"] = "describes the API, holds no data",
        ["s"] = "the survey: the unguessable token is the key",
        ["assets"] = "stylesheet and script",
        ["raad"] = "the published council reports and open data",
        ["privacy"] = "the privacy statements: the law wants them readable before anyone answers",
        ["gemeente"] = "a municipality's logo for its survey pages",
        ["beheer/inloggen"] = "the sign-in page",
        ["beheer/uitloggen"] = "signing out",
        ["beheer/geen-toegang"] = "tells a signed-in officer the page is not for their role; shows no data",
    };

    private static IEnumerable<HttpFunction> Functions => HttpFunctionCatalog.Instance.Http.Values;

    [Fact]
    public void Every_function_declares_a_role_or_is_public_by_decision()
    {
        var problems = new List<string>();
        foreach (var function in Functions)
        {
            var decidedPublic = PublicRoutes.Keys.Any(prefix => function.Route == prefix || function.Route.StartsWith(prefix + "/", StringComparison.Ordinal));
            switch (function.Access)
            {
                case null: problems.Add($"{function.Name} ({function.Route}) declares no access"); break;
                case { Level: Access.Public } when !decidedPublic: problems.Add($"{function.Name} ({function.Route}) is public but not in the list of public decisions"); break;
                case { Level: Access.Public, Why: null or "" }: problems.Add($"{function.Name} is public without a reason in its attribute"); break;
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void The_admin_api_and_pages_are_for_a_role()
    {
        var officers = Functions.Where(f => (f.IsApi && f.Route != "api/openapi.json") ||
                                            (f.Route.StartsWith("beheer", StringComparison.Ordinal) && !PublicRoutes.ContainsKey(f.Route))).ToList();
        Assert.NotEmpty(officers);
        Assert.All(officers, f => Assert.True(f.Access?.Level is Access.Beheerder or Access.Onderzoeker, $"{f.Name} ({f.Route}) is not for a role"));
    }

    [Fact]
    public void Form_posts_of_the_admin_pages_need_the_antiforgery_token()
    {
        var posts = Functions.Where(f => f.Route.StartsWith("beheer", StringComparison.Ordinal) && f.Methods.Contains("POST")).ToList();
        Assert.NotEmpty(posts);
        Assert.All(posts, f => Assert.True(f.FormPost, $"{f.Name} ({f.Route}) takes a form post without [FormPost]"));
    }
}
