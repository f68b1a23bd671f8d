using Ervaring.Functions.Api;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Fielding;
using Ervaring.Functions.Hosting;
using Ervaring.Functions.Hosting.Development;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Hosting.Settings;
using Ervaring.Functions.Municipalities;
using Ervaring.Functions.Pages.Admin;
using Ervaring.Functions.Pages.Shared;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Security;
using Ervaring.Functions.Survey;
using Ervaring.Functions.Surveys;
using Ervaring.Functions.Timers;
using Microsoft.Azure.Functions.Worker.Builder;

namespace Ervaring.Functions;

/// <summary>
/// The Ervaring function app: an Azure Functions app in the .NET isolated worker model with the ASP.NET Core
/// integration. The functions themselves live in their capability folders (<c>*Functions.cs</c>, found by their
/// <c>[Function]</c> attributes); this file is the table of contents of what they need. With
/// <c>--development-server</c> the same functions are served locally without the Functions host.
/// </summary>
public static class Program
{
    public static Task Main(string[] args) =>
        DevelopmentServer.IsRequested(args) ? DevelopmentServer.Build(args).RunAsync() : BuildWorker(args).RunAsync();

    /// <summary>The worker the Functions host starts in Azure (or under Core Tools with <c>func start</c>).</summary>
    public static IHost BuildWorker(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.Configuration.AddInMemoryCollection([new(FunctionsHost.UnderHostKey, "true")]);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<FunctionPipelineMiddleware>();
        builder.AddErvaring();
        return builder.Build();
    }

    /// <summary>The development server (locally, in tests, for black-box checks); see <see cref="DevelopmentServer"/>.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        DevelopmentServer.Build(args, configure);

    /// <summary>Everything every function needs, the same under the host and in the development server.</summary>
    public static IHostApplicationBuilder AddErvaring(this IHostApplicationBuilder builder)
    {
        builder.AddSettings();
        builder.AddLoggingHygiene();
        builder.AddErrorHandling();
        builder.AddStorage();
        builder.AddSecurity();
        builder.AddFunctionPipeline();
        builder.AddSurveyDefinitions();
        builder.AddTimerJobs();
        builder.AddSampling();
        builder.AddFielding();
        builder.AddSurvey();
        builder.AddMunicipalities();
        builder.AddReports();
        builder.AddDemoData();
        builder.AddPages();
        builder.AddAdminPages();
        return builder;
    }
}
