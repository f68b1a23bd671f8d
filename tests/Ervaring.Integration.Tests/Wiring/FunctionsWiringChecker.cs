using System.Text.Json;
using System.Text.Json.Nodes;
using Ervaring.Functions.Hosting.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using NCrontab;

namespace Ervaring.Integration.Tests.Wiring;

/// <summary>
/// Checks what the Functions host will read — host.json and the build's functions.metadata — against the app's
/// own function attributes (<see cref="HttpFunctionCatalog"/>). There is no Functions host on this machine, so this
/// is what holds the wiring honest. Each rule is a sentence in the problem list when broken.
/// </summary>
public sealed class FunctionsWiringChecker(string hostJsonPath, string metadataPath, HttpFunctionCatalog catalog)
{
    /// <summary>Routes the Functions host keeps for itself: a function there fails to load in Azure.</summary>
    private static readonly string[] ReservedRoots = ["admin", "runtime"];

    private static readonly Type[] ServableParameters = [typeof(HttpRequest), typeof(CancellationToken)];

    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        CheckHostJson(problems);
        JsonArray metadata;
        try
        {
            metadata = JsonNode.Parse(File.ReadAllText(metadataPath))!.AsArray();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or IOException)
        {
            problems.Add($"functions.metadata is not valid JSON ({ex.GetType().Name})");
            return problems;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var httpRoutes = new List<(string Name, string Route)>();
        var timerNames = new List<string>();
        foreach (var function in metadata)
        {
            var name = function!["name"]?.GetValue<string>() ?? "(zonder naam)";
            seen.Add(name);
            var trigger = function["bindings"]!.AsArray().FirstOrDefault(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
            if (trigger is null) { problems.Add($"{name} has no trigger binding"); continue; }
            var type = trigger["type"]!.GetValue<string>();
            if (type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase))
            {
                timerNames.Add(name);
                CheckTimer(name, trigger, problems);
            }
            else if (type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase))
            {
                var route = CheckHttp(name, trigger, problems);
                if (route is not null) httpRoutes.Add((name, route));
            }
            else
            {
                problems.Add($"{name} has a {type}, which the app does not use");
            }
        }

        foreach (var missing in catalog.Http.Keys.Concat(catalog.Timers.Keys).Where(n => !seen.Contains(n)))
            problems.Add($"the app declares function {missing} but functions.metadata does not list it");

        // No HTTP route may lead to timer code: not by the timer's name as a path, not by a catch-all.
        foreach (var timer in timerNames)
            foreach (var (name, route) in httpRoutes)
                if (Matches(route, "/" + timer))
                    problems.Add($"HTTP function {name} (route '{route}') would take '/{timer}', the timer function {timer}");
        return problems;
    }

    private void CheckHostJson(List<string> problems)
    {
        JsonNode host;
        try
        {
            host = JsonNode.Parse(File.ReadAllText(hostJsonPath))!;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            problems.Add($"host.json is not valid JSON ({ex.GetType().Name})");
            return;
        }
        if (host["version"]?.GetValue<string>() != "2.0") problems.Add("host.json: version must be \"2.0\"");
        if (host["customHandler"] is not null) problems.Add("host.json: customHandler must not be there (the app is an isolated worker)");
        if (host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() != "") problems.Add("host.json: extensions.http.routePrefix must be \"\" (the README's paths have no /api prefix of the host's)");
        if (host["logging"]?["logLevel"]?["Microsoft.AspNetCore"]?.GetValue<string>() != "Warning")
            problems.Add("host.json: logging.logLevel Microsoft.AspNetCore must be Warning (its request log would show survey tokens)");
    }

    private void CheckTimer(string name, JsonNode trigger, List<string> problems)
    {
        var schedule = trigger["schedule"]?.GetValue<string>() ?? "";
        if (schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            problems.Add($"timer {name}: schedule '{schedule}' is not a 6-field NCRONTAB expression (seconds first)");
            return;
        }
        if (CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is null)
            problems.Add($"timer {name}: schedule '{schedule}' does not parse as NCRONTAB");
        if (!catalog.Timers.ContainsKey(name)) problems.Add($"timer {name} is listed but the app has no timer function by that name");
    }

    private string? CheckHttp(string name, JsonNode trigger, List<string> problems)
    {
        var route = trigger["route"]?.GetValue<string>();
        if (string.IsNullOrEmpty(route)) { problems.Add($"HTTP function {name} needs an explicit route"); return null; }
        if (!string.Equals(trigger["authLevel"]?.GetValue<string>(), "anonymous", StringComparison.OrdinalIgnoreCase))
            problems.Add($"HTTP function {name}: authLevel must be anonymous (the app decides access itself)");
        if (ReservedRoots.Any(root => route.Equals(root, StringComparison.OrdinalIgnoreCase) || route.StartsWith(root + "/", StringComparison.OrdinalIgnoreCase) || (route.StartsWith(root, StringComparison.OrdinalIgnoreCase) && !route.Contains('/'))))
            problems.Add($"HTTP function {name}: route '{route}' is reserved by the Functions host");
        if (!catalog.Http.TryGetValue(name, out var function))
        {
            problems.Add($"HTTP function {name} is listed but the app has no HTTP function by that name");
            return route;
        }
        if (function.Route != route) problems.Add($"HTTP function {name}: route '{route}' differs from the app's '{function.Route}'");
        var methods = trigger["methods"]?.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).Order().ToList() ?? [];
        if (!methods.SequenceEqual(function.Methods.Order())) problems.Add($"HTTP function {name}: methods differ from the app's");
        switch (function.Access)
        {
            case null: problems.Add($"HTTP function {name} has no access decision ([Public], [Onderzoeker] or [Beheerder])"); break;
            case { Level: Access.Public, Why: null or "" }: problems.Add($"HTTP function {name} is public without a reason"); break;
        }
        var routeValues = TemplateParser.Parse(route).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in function.Method.GetParameters())
            if (!ServableParameters.Contains(parameter.ParameterType) && !routeValues.Contains(parameter.Name!))
                problems.Add($"HTTP function {name}: parameter '{parameter.Name}' is neither the request, a route value nor the cancellation token");
        return route;
    }

    private static bool Matches(string route, string path) =>
        new TemplateMatcher(TemplateParser.Parse(route), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary());
}
