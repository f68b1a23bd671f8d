using System.Net;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Security;
using Ervaring.Functions.Timers;
using Microsoft.AspNetCore.HttpOverrides;

namespace Ervaring.Functions.Hosting.Development;

/// <summary>
/// Serves the app's HTTP functions over real HTTP where no Functions host runs (Core Tools cannot be installed on
/// the build machines): exactly the functions listed in the build's <c>functions.metadata</c>, each at its route
/// and methods, by calling the same function methods inside the same <see cref="FunctionPipeline"/> as the worker
/// middleware does in Azure. It does not imitate the host's protocol; it is a plain web server. The development
/// scheduler fires the timer functions on their own schedules. Started with <c>--development-server</c>.
/// </summary>
public static class DevelopmentServer
{
    public const string Flag = "--development-server";

    public static bool IsRequested(string[] args) => args.Contains(Flag, StringComparer.Ordinal);

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args.Where(a => a != Flag).ToArray());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.AddErvaring();
        builder.Services.AddHostedService<DevelopmentScheduler>();
        configure?.Invoke(builder);

        var app = builder.Build();
        if (FunctionsHost.IsPresent(app.Configuration))
        {
            // As the worker's ASP.NET Core integration does behind the Functions host: the platform's forwarded
            // client address (the last X-Forwarded-For entry), scheme and host replace the connection's.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.All };
            forwarded.KnownProxies.Add(IPAddress.Loopback);
            forwarded.KnownProxies.Add(IPAddress.IPv6Loopback);
            app.UseForwardedHeaders(forwarded);
        }
        app.Use(AnswerWhatNoFunctionAnswered);
        var pipeline = app.Services.GetRequiredService<FunctionPipeline>();
        foreach (var entry in FunctionsMetadata.Read(FunctionsMetadata.PathFrom(app.Configuration)).Where(f => f.IsHttp))
        {
            var method = FunctionInvoker.Resolve(entry.EntryPoint);
            var function = HttpFunctionCatalog.Instance.Http[entry.Name] with { Route = entry.Route ?? entry.Name, Methods = entry.Methods };
            app.MapMethods("/" + function.Route, function.Methods, new ServedFunction(pipeline, function, method).ServeAsync).WithMetadata(function);
        }
        return app;
    }

    /// <summary>A path no function serves (404) or a method it does not take (405): a Dutch answer with the usual headers.</summary>
    private static async Task AnswerWhatNoFunctionAnswered(HttpContext http, RequestDelegate next)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<HttpFunction>() is null) SecurityHeaders.Apply(http, null, FunctionsHost.IsPresent(http.RequestServices.GetRequiredService<IConfiguration>()));
        await next(http);
        if (!http.Response.HasStarted && http.Response.StatusCode >= 400 && http.Response.ContentType is null && http.Response.ContentLength is null)
            await ErrorHandling.WriteStatus(http);
    }
}

/// <summary>One HTTP function as the development server serves it: its method, inside the pipeline.</summary>
internal sealed class ServedFunction(FunctionPipeline pipeline, HttpFunction function, System.Reflection.MethodInfo method)
{
    public Task ServeAsync(HttpContext http) => pipeline.RunAsync(http, function, () => FunctionInvoker.InvokeHttpAsync(method, http));
}
