using Ervaring.Functions.Health;
using Ervaring.Functions.Hosting;
using Ervaring.Functions.Surveys;
using Ervaring.Functions.Timers;

namespace Ervaring.Functions;

/// <summary>
/// The Ervaring function app: one ASP.NET Core process that the Azure Functions host starts as its custom
/// handler, and that runs on its own locally and in tests. This file is the table of contents.
/// </summary>
public static class Program
{
    public static Task Main(string[] args) => Build(args).RunAsync();

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.ListenWhereTheFunctionsHostExpects();
        builder.AddErrorHandling();
        builder.AddStorage();
        builder.AddSurveyDefinitions();
        builder.AddTimerJobs();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseErrorHandling();
        app.MapHealth();
        app.MapTimerTriggers();
        return app;
    }
}
