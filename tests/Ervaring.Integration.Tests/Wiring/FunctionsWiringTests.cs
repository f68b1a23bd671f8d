using System.Text.Json.Nodes;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Timers;

namespace Ervaring.Integration.Tests.Wiring;

/// <summary>There is no Functions host on this machine, so these tests hold host.json and functions.metadata honest.</summary>
public sealed class FunctionsWiringTests : IDisposable
{
    private readonly List<string> _temporaryFolders = [];

    /// <summary>The functions.metadata the Worker SDK wrote for the app at build (copied next to the tests).</summary>
    public static string BuiltMetadata => Path.Combine(AppContext.BaseDirectory, "functions.metadata");

    private static FunctionsWiringChecker CheckerFor(string folder) =>
        new(Path.Combine(folder, "host.json"), Path.Combine(folder, "functions.metadata"), HttpFunctionCatalog.Instance);

    [Fact]
    public void The_repository_wiring_holds()
    {
        var problems = CheckerFor(CopyWiring()).Check();
        Assert.Empty(problems);
    }

    [Fact]
    public void The_metadata_lists_http_and_timer_functions_including_the_nightly_and_yearly_jobs()
    {
        var names = JsonNode.Parse(File.ReadAllText(BuiltMetadata))!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.Contains(TimerFunctionNames.NightlyMaintenance, names);
        Assert.Contains(TimerFunctionNames.YearlyReport, names);
        Assert.Contains("Health", names);
        Assert.Contains("SurveyPost", names);
        Assert.Equal(HttpFunctionCatalog.Instance.Http.Count + HttpFunctionCatalog.Instance.Timers.Count, names.Count);
    }

    [Theory]
    [InlineData("NightlyMaintenance", "five-field-schedule", "is not a 6-field NCRONTAB expression")]
    [InlineData("YearlyReport", "unparsable-schedule", "does not parse as NCRONTAB")]
    [InlineData("Health", "catch-all-route", "would take '/NightlyMaintenance', the timer function NightlyMaintenance")]
    [InlineData("Health", "reserved-route", "is reserved by the Functions host")]
    [InlineData("Health", "no-route", "needs an explicit route")]
    [InlineData("Health", "function-key", "authLevel must be anonymous")]
    [InlineData("Health", "removed", "the app declares function Health but functions.metadata does not list it")]
    [InlineData("YearlyReport", "renamed-timer", "the app has no timer function by that name")]
    [InlineData("WavesList", "other-route", "differs from the app's")]
    public void A_deliberately_broken_metadata_copy_is_caught(string function, string breakage, string expectedProblem)
    {
        var copy = CopyWiring();
        var file = Path.Combine(copy, "functions.metadata");
        var functions = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
        var entry = functions.First(f => f!["name"]!.GetValue<string>() == function)!;
        var trigger = entry["bindings"]!.AsArray().First(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))!;
        switch (breakage)
        {
            case "five-field-schedule": trigger["schedule"] = "30 2 * * *"; break;
            case "unparsable-schedule": trigger["schedule"] = "0 0 25 * * *"; break;
            case "catch-all-route": trigger["route"] = "{*path}"; break;
            case "reserved-route": trigger["route"] = "admin/health"; break;
            case "no-route": trigger.AsObject().Remove("route"); break;
            case "function-key": trigger["authLevel"] = "Function"; break;
            case "removed": functions.Remove(entry); break;
            case "renamed-timer": entry["name"] = "YearlyReprot"; break;
            case "other-route": trigger["route"] = "api/metingen"; break;
        }
        File.WriteAllText(file, functions.ToJsonString());

        var problems = CheckerFor(copy).Check();
        Assert.Contains(problems, p => p.Contains(expectedProblem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_function_without_an_access_decision_or_with_an_unservable_parameter_is_caught()
    {
        var copy = CopyWiring();
        var file = Path.Combine(copy, "functions.metadata");
        var functions = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
        functions.Add(JsonNode.Parse("""
            { "name": "Undecided", "entryPoint": "Ervaring.Integration.Tests.Wiring.UndecidedFunctions.Run",
              "bindings": [ { "name": "request", "direction": "In", "type": "httpTrigger", "authLevel": "Anonymous", "methods": [ "get" ], "route": "onbeslist" } ] }
            """));
        File.WriteAllText(file, functions.ToJsonString());

        var catalog = new HttpFunctionCatalog(typeof(UndecidedFunctions).Assembly);
        var problems = new FunctionsWiringChecker(Path.Combine(copy, "host.json"), file, catalog).Check();
        Assert.Contains("HTTP function Undecided has no access decision ([Public], [Onderzoeker] or [Beheerder])", problems);
        Assert.Contains("HTTP function Undecided: parameter 'unbound' is neither the request, a route value nor the cancellation token", problems);
    }

    [Fact]
    public void Invalid_metadata_json_is_caught()
    {
        var copy = CopyWiring();
        File.WriteAllText(Path.Combine(copy, "functions.metadata"), "[ { \"name\": ");
        Assert.Contains(CheckerFor(copy).Check(), p => p.Contains("functions.metadata is not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void A_broken_host_json_is_caught()
    {
        var copy = CopyWiring();
        var hostFile = Path.Combine(copy, "host.json");
        var host = JsonNode.Parse(File.ReadAllText(hostFile))!;
        host["customHandler"] = new JsonObject { ["description"] = new JsonObject { ["defaultExecutablePath"] = "app/handler" } };
        host["extensions"]!["http"]!["routePrefix"] = "api";
        host["logging"]!["logLevel"]!["Microsoft.AspNetCore"] = "Information";
        File.WriteAllText(hostFile, host.ToJsonString());

        var problems = CheckerFor(copy).Check();
        Assert.Contains(problems, p => p.Contains("customHandler must not be there", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("routePrefix must be \"\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Microsoft.AspNetCore must be Warning", StringComparison.Ordinal));
    }

    /// <summary>A copy of the repository's host.json and the built functions.metadata, to check or to break.</summary>
    private string CopyWiring()
    {
        var target = Directory.CreateTempSubdirectory("ervaring-wiring-").FullName;
        _temporaryFolders.Add(target);
        File.Copy(RepositoryRoot.Combine("host.json"), Path.Combine(target, "host.json"));
        File.Copy(BuiltMetadata, Path.Combine(target, "functions.metadata"));
        return target;
    }

    public void Dispose()
    {
        foreach (var folder in _temporaryFolders) Directory.Delete(folder, recursive: true);
    }
}
