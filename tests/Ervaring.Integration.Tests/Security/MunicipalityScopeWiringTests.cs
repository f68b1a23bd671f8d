using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Integration.Tests.Security;

/// <summary>
/// Issue 15: every officer function keeps to the officer's municipalities. Either its route names one wave by
/// <c>{id}</c> — then the pipeline checks that wave before the function runs (<see cref="WaveScopeGate"/>) — or it
/// says with <c>[ScopeInCode("…")]</c> how it limits itself in code (lists, creation). A new officer function with
/// neither fails here, before anyone has to remember the check.
/// </summary>
public sealed class MunicipalityScopeWiringTests
{
    [Fact]
    public void Every_officer_function_is_about_one_wave_or_says_how_it_keeps_to_the_officers_municipalities()
    {
        var officerFunctions = HttpFunctionCatalog.Instance.Http.Values.Where(f => f.Access is { Level: not Access.Public }).ToList();
        Assert.Contains(officerFunctions, f => f.IsAboutOneWave);
        Assert.Contains(officerFunctions, f => f.ScopeInCode is not null);
        Assert.Empty(Problems(officerFunctions));
    }

    [Fact]
    public void The_functions_that_keep_to_the_municipalities_in_code_are_the_known_few()
    {
        // Each of these is covered by a list or creation case in CrossTenantTests; a new one needs a case there too.
        var inCode = HttpFunctionCatalog.Instance.Http.Values.Where(f => f.ScopeInCode is not null).Select(f => f.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["PagesFrameTemplate", "PagesHelp", "PagesHelpStep", "PagesNewWave", "PagesNewWavePost", "PagesOverview", "PagesYardstick", "PagesYardstickGapReasonPost",
            "PagesYardstickReferenceDelete", "PagesYardstickReferencesPost", "PagesYardstickTargetDelete", "PagesYardstickTargetPost", "ReportsDeadlines", "WavesCreate", "WavesList",
            "YardstickGapReasonSave", "YardstickRead", "YardstickReferenceDelete", "YardstickReferencesImport", "YardstickTargetDelete", "YardstickTargetSave"], inCode);
    }

    [Fact]
    public void An_officer_function_with_neither_is_caught()
    {
        var catalog = new HttpFunctionCatalog(typeof(UnscopedFunctions).Assembly);
        var problems = Problems(catalog.Http.Values.Where(f => f.Access is { Level: not Access.Public }));
        Assert.Contains(problems, p => p.StartsWith("Unscoped (api/ongescoped/{waveId})", StringComparison.Ordinal));
    }

    /// <summary>The officer functions that neither name one wave by {id} nor declare how they keep to the municipalities.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<HttpFunction> officerFunctions)
    {
        var problems = new List<string>();
        foreach (var function in officerFunctions)
        {
            if (function.IsAboutOneWave && function.ScopeInCode is not null)
                problems.Add($"{function.Name} ({function.Route}) has {{{WaveScopeGate.RouteParameter}}} in its route and [ScopeInCode]: the route already decides, drop the attribute");
            else if (!function.IsAboutOneWave && function.ScopeInCode is null)
                problems.Add($"{function.Name} ({function.Route}) is an officer function without {{{WaveScopeGate.RouteParameter}}} in its route and without [ScopeInCode(\"how\")]: " +
                             "nothing would keep it to the officer's municipalities");
            else if (function.ScopeInCode is { How: var how } && string.IsNullOrWhiteSpace(how))
                problems.Add($"{function.Name} has [ScopeInCode] without saying how");
        }
        return problems;
    }
}

/// <summary>
/// A deliberately broken officer function for the scope wiring check: a wave in its route under another name, so the
/// pipeline would not check it. It lives in the test assembly, so the app never serves it.
/// </summary>
public sealed class UnscopedFunctions
{
    [Function("Unscoped"), Beheerder]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/ongescoped/{waveId}")] HttpRequest request, string waveId) => Results.Ok();
}
