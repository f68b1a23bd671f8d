using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using NCrontab;

namespace Ervaring.Integration.Tests.Wiring;

/// <summary>
/// Checks host.json and the function.json files against the app, the way the Functions host will use them.
/// Written independently of the app's own readers so it can catch their mistakes too. Returns every problem
/// found; an empty list means the wiring holds.
/// </summary>
public sealed class FunctionsWiringChecker(string hostJsonPath, string functionsFolder, IReadOnlyList<RouteEndpoint> appEndpoints, string appExecutableName)
{
    private static readonly HashSet<string> KnownTriggers = ["httpTrigger", "timerTrigger"];

    public List<string> Check()
    {
        var problems = new List<string>();
        CheckHost(problems);
        var (httpRoutes, timerNames) = ReadFunctions(problems);
        CheckHttpRoutes(problems, httpRoutes, timerNames);
        CheckTimers(problems, timerNames);
        return problems;
    }

    private void CheckHost(List<string> problems)
    {
        JsonNode? host;
        try { host = JsonNode.Parse(File.ReadAllText(hostJsonPath)); }
        catch (JsonException ex) { problems.Add($"host.json: invalid JSON ({ex.Message})"); return; }
        if ((string?)host?["version"] != "2.0") problems.Add("host.json: version must be \"2.0\"");
        var handler = host?["customHandler"];
        var executable = (string?)handler?["description"]?["defaultExecutablePath"];
        if (executable is null) problems.Add("host.json: customHandler.description.defaultExecutablePath is missing");
        else if (Path.GetFileName(executable) != appExecutableName)
            problems.Add($"host.json: defaultExecutablePath '{executable}' does not name the published app '{appExecutableName}'");
        var workingDirectory = (string?)handler?["description"]?["workingDirectory"];
        if (executable is not null && workingDirectory != Path.GetDirectoryName(executable))
            problems.Add("host.json: workingDirectory must be the folder of the executable, so the app finds its content files");
        if (handler?["enableForwardingHttpRequest"]?.GetValue<bool>() != true)
            problems.Add("host.json: customHandler.enableForwardingHttpRequest must be true");
        if ((string?)host?["extensionBundle"]?["id"] != "Microsoft.Azure.Functions.ExtensionBundle")
            problems.Add("host.json: extensionBundle is missing (timer triggers need it)");
        if ((string?)host?["extensions"]?["http"]?["routePrefix"] != "")
            problems.Add("host.json: extensions.http.routePrefix must be \"\" so public URLs equal the app's own paths");
        // The host's own ASP.NET request log shows query strings, where the survey link keeps its token.
        var aspNetLevel = (string?)host?["logging"]?["logLevel"]?["Microsoft.AspNetCore"];
        if (aspNetLevel is not ("Warning" or "Error" or "Critical" or "None"))
            problems.Add("host.json: logging.logLevel.Microsoft.AspNetCore must be Warning or higher, so request URLs with survey tokens are not logged");
    }

    private (List<(string Function, string Route)> Http, List<string> Timers) ReadFunctions(List<string> problems)
    {
        var http = new List<(string, string)>();
        var timers = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(functionsFolder).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, "function.json");
            if (!File.Exists(file)) continue;
            var name = Path.GetFileName(folder);
            JsonNode? function;
            try { function = JsonNode.Parse(File.ReadAllText(file)); }
            catch (JsonException ex) { problems.Add($"{name}/function.json: invalid JSON ({ex.Message})"); continue; }
            var bindings = function?["bindings"] as JsonArray;
            var triggers = bindings?.Where(b => ((string?)b?["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true).ToList() ?? [];
            if (triggers.Count != 1) { problems.Add($"{name}/function.json: needs exactly one trigger binding, found {triggers.Count}"); continue; }
            var trigger = triggers[0]!;
            var type = (string?)trigger["type"];
            if (!KnownTriggers.Contains(type!)) { problems.Add($"{name}/function.json: unexpected trigger type '{type}'"); continue; }
            if ((string?)trigger["direction"] != "in") problems.Add($"{name}/function.json: the trigger's direction must be \"in\"");
            if (type == "timerTrigger")
            {
                var schedule = (string?)trigger["schedule"];
                if (schedule is null || schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
                    problems.Add($"{name}/function.json: schedule '{schedule}' is not a 6-field NCRONTAB expression");
                else if (CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is null)
                    problems.Add($"{name}/function.json: schedule '{schedule}' does not parse as NCRONTAB");
                timers.Add(name);
            }
            else
            {
                var route = (string?)trigger["route"];
                if (string.IsNullOrWhiteSpace(route)) { problems.Add($"{name}/function.json: an HTTP function needs an explicit route"); continue; }
                if ((string?)trigger["authLevel"] != "anonymous")
                    problems.Add($"{name}/function.json: authLevel must be anonymous; the app itself authenticates (function keys would break the public pages)");
                if (bindings!.All(b => (string?)b?["type"] != "http"))
                    problems.Add($"{name}/function.json: an HTTP function needs an http output binding");
                http.Add((name, route));
            }
        }
        return (http, timers);
    }

    private void CheckHttpRoutes(List<string> problems, List<(string Function, string Route)> routes, List<string> timerNames)
    {
        var matchers = new List<(string Function, string Route, TemplateMatcher Matcher)>();
        foreach (var (function, route) in routes)
        {
            RouteTemplate template;
            try { template = TemplateParser.Parse(route); }
            catch (ArgumentException ex) { problems.Add($"{function}/function.json: route '{route}' does not parse ({ex.Message})"); continue; }
            matchers.Add((function, route, new TemplateMatcher(template, new RouteValueDictionary())));
        }

        // No public route may ever reach a timer path, whatever the casing.
        foreach (var timer in timerNames)
            foreach (var path in new[] { "/" + timer, "/" + timer.ToLowerInvariant(), "/" + timer.ToUpperInvariant() })
                foreach (var (function, route, matcher) in matchers)
                    if (matcher.TryMatch(path, new RouteValueDictionary()))
                        problems.Add($"{function}/function.json: route '{route}' would forward '{path}' to the timer function {timer}");

        // Every forwarded route must reach something the app serves…
        var appPaths = appEndpoints.Select(SamplePath).ToList();
        foreach (var (function, route, matcher) in matchers)
            if (!appPaths.Any(p => matcher.TryMatch(p, new RouteValueDictionary())))
                problems.Add($"{function}/function.json: route '{route}' forwards to no endpoint the app serves");

        // …and every endpoint the app serves (timer paths aside) must be reachable through some route.
        foreach (var path in appPaths.Where(p => !timerNames.Any(t => string.Equals(p, "/" + t, StringComparison.OrdinalIgnoreCase))))
            if (!matchers.Any(m => m.Matcher.TryMatch(path, new RouteValueDictionary())))
                problems.Add($"the app serves '{path}' but no HTTP function forwards it");
    }

    private void CheckTimers(List<string> problems, List<string> timerNames)
    {
        var served = appEndpoints.Select(e => e.RoutePattern.RawText?.TrimStart('/')).ToHashSet(StringComparer.Ordinal);
        foreach (var timer in timerNames)
            if (!served.Contains(timer))
                problems.Add($"{timer}/function.json: the app has no endpoint POST /{timer} for this timer");
    }

    /// <summary>A concrete path the endpoint answers, with parameters filled in, to test route coverage.</summary>
    private static string SamplePath(RouteEndpoint endpoint)
    {
        var segments = endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "x1",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }
}
