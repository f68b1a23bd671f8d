using System.Text.Json.Nodes;
using Ervaring.Functions;
using Ervaring.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Ervaring.Integration.Tests.Wiring;

/// <summary>There is no Functions host on this machine, so these tests hold host.json and function.json honest.</summary>
public sealed class FunctionsWiringTests : IDisposable
{
    private readonly List<string> _temporaryFolders = [];

    private static IReadOnlyList<RouteEndpoint> AppEndpoints()
    {
        // Building (not starting) the app registers its endpoints; storage is never touched.
        var app = Program.Build(["--Ervaring:Storage:ConnectionString=UseDevelopmentStorage=true"]);
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
    }

    private static readonly string AppExecutable = typeof(Program).Assembly.GetName().Name!;

    private static FunctionsWiringChecker CheckerFor(string root) =>
        new(Path.Combine(root, "host.json"), Path.Combine(root, "functions"), AppEndpoints(), AppExecutable);

    [Fact]
    public void The_repository_wiring_holds()
    {
        var problems = CheckerFor(RepositoryRoot.Path).Check();
        Assert.Empty(problems);
    }

    [Fact]
    public void There_are_http_and_timer_functions_including_the_nightly_and_yearly_jobs()
    {
        var names = Directory.EnumerateDirectories(RepositoryRoot.Combine("functions"))
            .Where(d => File.Exists(Path.Combine(d, "function.json"))).Select(Path.GetFileName).ToList();
        Assert.Contains("NightlyMaintenance", names);
        Assert.Contains("YearlyReport", names);
        Assert.Contains("Health", names);
    }

    [Theory]
    [InlineData("NightlyMaintenance", "invalid-json", "invalid JSON")]
    [InlineData("NightlyMaintenance", "five-field-schedule", "is not a 6-field NCRONTAB expression")]
    [InlineData("YearlyReport", "unparsable-schedule", "does not parse as NCRONTAB")]
    [InlineData("Health", "catch-all-route", "would forward '/NightlyMaintenance' to the timer function NightlyMaintenance")]
    [InlineData("Health", "route-to-nothing", "forwards to no endpoint the app serves")]
    [InlineData("Health", "no-route", "needs an explicit route")]
    [InlineData("Health", "function-key", "authLevel must be anonymous")]
    [InlineData("Health", "removed", "the app serves '/health' but no HTTP function forwards it")]
    [InlineData("YearlyReport", "renamed-timer", "the app has no endpoint POST /YearlyReprot")]
    public void A_deliberately_broken_copy_is_caught(string function, string breakage, string expectedProblem)
    {
        var copy = CopyRepositoryWiring();
        var folder = Path.Combine(copy, "functions", function);
        var file = Path.Combine(folder, "function.json");
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        var trigger = json["bindings"]![0]!;
        switch (breakage)
        {
            case "invalid-json": File.WriteAllText(file, "{ \"bindings\": [ "); break;
            case "five-field-schedule": trigger["schedule"] = "30 2 * * *"; Save(); break;
            case "unparsable-schedule": trigger["schedule"] = "0 0 25 * * *"; Save(); break;
            case "catch-all-route": trigger["route"] = "{*path}"; Save(); break;
            case "route-to-nothing": trigger["route"] = "enquete/{*path}"; Save(); break;
            case "no-route": trigger.AsObject().Remove("route"); Save(); break;
            case "function-key": trigger["authLevel"] = "function"; Save(); break;
            case "removed": Directory.Delete(folder, recursive: true); break;
            case "renamed-timer": Directory.Move(folder, Path.Combine(copy, "functions", "YearlyReprot")); break;
        }

        var problems = CheckerFor(copy).Check();
        Assert.Contains(problems, p => p.Contains(expectedProblem, StringComparison.Ordinal));
        return;

        void Save() => File.WriteAllText(file, json.ToJsonString());
    }

    [Fact]
    public void A_broken_host_json_is_caught()
    {
        var copy = CopyRepositoryWiring();
        var hostFile = Path.Combine(copy, "host.json");
        var host = JsonNode.Parse(File.ReadAllText(hostFile))!;
        host["customHandler"]!["description"]!["defaultExecutablePath"] = "app/handler";
        host["customHandler"]!["enableForwardingHttpRequest"] = false;
        host["logging"]!["logLevel"]!["Microsoft.AspNetCore"] = "Information";
        File.WriteAllText(hostFile, host.ToJsonString());

        var problems = CheckerFor(copy).Check();
        Assert.Contains(problems, p => p.Contains("does not name the published app", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("enableForwardingHttpRequest must be true", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Microsoft.AspNetCore must be Warning", StringComparison.Ordinal));
    }

    private string CopyRepositoryWiring()
    {
        var target = Directory.CreateTempSubdirectory("ervaring-wiring-").FullName;
        _temporaryFolders.Add(target);
        File.Copy(RepositoryRoot.Combine("host.json"), Path.Combine(target, "host.json"));
        foreach (var folder in Directory.EnumerateDirectories(RepositoryRoot.Combine("functions")))
        {
            var file = Path.Combine(folder, "function.json");
            if (!File.Exists(file)) continue;
            var copy = Directory.CreateDirectory(Path.Combine(target, "functions", Path.GetFileName(folder)));
            File.Copy(file, Path.Combine(copy.FullName, "function.json"));
        }
        return target;
    }

    public void Dispose()
    {
        foreach (var folder in _temporaryFolders) Directory.Delete(folder, recursive: true);
    }
}
