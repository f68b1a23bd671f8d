using Ervaring.Functions.Api;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Fielding;
using Ervaring.Functions.Health;
using Ervaring.Functions.Hosting;
using Ervaring.Functions.Pages.Admin;
using Ervaring.Functions.Pages.Shared;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Security;
using Ervaring.Functions.Survey;
using Ervaring.Functions.Surveys;
using Ervaring.Functions.Timers;
using Ervaring.Functions.Waves;

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
        builder.AddLoggingHygiene();
        builder.AddErrorHandling();
        builder.AddStorage();
        builder.AddSecurity();
        builder.AddSurveyDefinitions();
        builder.AddTimerJobs();
        builder.AddSampling();
        builder.AddFielding();
        builder.AddSurvey();
        builder.AddReports();
        builder.AddDemoData();
        builder.AddOpenApiDescription();
        builder.AddPages();
        builder.AddAdminPages();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseErrorHandling();
        app.UseSecurity();
        app.UsePages();
        app.MapHealth();
        app.MapTimerTriggers();
        app.MapWaves();
        app.MapSampling();
        app.MapFielding();
        app.MapSurvey();
        app.MapReports();
        app.MapOpenApiDescription();
        app.MapSharedAssets();
        app.MapAdminPages();
        return app;
    }
}
