using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Functions.Hosting.Functions;

/// <summary>One HTTP function as its attributes declare it: route, methods, access and page behaviour.</summary>
public sealed record HttpFunction(
    string Name,
    string Route,
    IReadOnlyList<string> Methods,
    MethodInfo Method,
    AccessAttribute? Access,
    PageAttribute? Page,
    bool FormPost,
    long? MaxBodyBytes,
    ScopeInCodeAttribute? ScopeInCode = null)
{
    public bool IsApi => Route == "api" || Route.StartsWith("api/", StringComparison.Ordinal);

    /// <summary>The names of the route's parameters ("id" in "api/waves/{id}/frame", "year" in "{year:int}").</summary>
    public IReadOnlyList<string> RouteParameters { get; } = Regex.Matches(Route, @"\{\*{0,2}(\w+)").Select(m => m.Groups[1].Value).ToList();

    /// <summary>
    /// An officer's function about one wave: not public, with the wave's id in its route. The pipeline loads that wave
    /// and checks the officer's municipalities before the function runs (<see cref="Security.WaveScopeGate"/>).
    /// </summary>
    public bool IsAboutOneWave => Access is { Level: not Hosting.Functions.Access.Public } && RouteParameters.Contains(Security.WaveScopeGate.RouteParameter);
}

/// <summary>One timer function: its name, NCRONTAB schedule and method.</summary>
public sealed record TimerFunction(string Name, string Schedule, MethodInfo Method);

/// <summary>
/// Every function of the app, read from the <c>[Function]</c> attributes: the one source of truth for the HTTP
/// surface. The Worker SDK writes the same attributes into <c>functions.metadata</c> at build; the wiring tests
/// check that both agree.
/// </summary>
public sealed class HttpFunctionCatalog
{
    public static HttpFunctionCatalog Instance { get; } = new(typeof(HttpFunctionCatalog).Assembly);

    public IReadOnlyDictionary<string, HttpFunction> Http { get; }
    public IReadOnlyDictionary<string, TimerFunction> Timers { get; }

    public HttpFunctionCatalog(Assembly assembly)
    {
        var http = new Dictionary<string, HttpFunction>(StringComparer.Ordinal);
        var timers = new Dictionary<string, TimerFunction>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function) continue;
                foreach (var parameter in method.GetParameters())
                {
                    if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } trigger)
                    {
                        http.Add(function.Name, new HttpFunction(
                            function.Name,
                            trigger.Route ?? function.Name,
                            (trigger.Methods ?? []).Select(m => m.ToUpperInvariant()).ToList(),
                            method,
                            method.GetCustomAttribute<AccessAttribute>(),
                            method.GetCustomAttribute<PageAttribute>(),
                            method.GetCustomAttribute<FormPostAttribute>() is not null,
                            method.GetCustomAttribute<MaxBodyAttribute>()?.Bytes,
                            method.GetCustomAttribute<ScopeInCodeAttribute>()));
                    }
                    else if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
                    {
                        timers.Add(function.Name, new TimerFunction(function.Name, timer.Schedule, method));
                    }
                }
            }
        Http = http;
        Timers = timers;
    }
}
