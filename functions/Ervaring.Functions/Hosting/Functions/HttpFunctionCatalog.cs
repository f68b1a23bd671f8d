using System.Reflection;
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
    long? MaxBodyBytes)
{
    public bool IsApi => Route == "api" || Route.StartsWith("api/", StringComparison.Ordinal);
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
                            method.GetCustomAttribute<MaxBodyAttribute>()?.Bytes));
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
