using System.Security.Claims;
using Ervaring.Functions.Security;
using Ervaring.Functions.Timers;
using Ervaring.Functions.Waves;
using Microsoft.AspNetCore.Mvc;

namespace Ervaring.Functions.Fielding;

/// <summary>Following and ending the fieldwork: progress (onderzoeker), reminder lists and closing (beheerder).</summary>
public static class FieldingEndpoints
{
#if LEGACY_ENDPOINTS
    public static WebApplication MapFielding(this WebApplication app)
    {
        app.MapGet("/api/waves/{id}/progress", async (string id, FieldworkProgress progress, CancellationToken cancellationToken) =>
        {
            var outcome = await progress.ReportAsync(id, cancellationToken);
            return outcome.Problem?.ToResult() ?? Results.Ok(outcome.Value);
        }).RequireAuthorization(Policies.Onderzoeker).WithTags("Veldwerk").WithSummary("Respons per doelgroep en stratum");

        var admin = app.MapGroup("/api/waves/{id}").RequireAuthorization(Policies.Beheerder).WithTags("Veldwerk");

        admin.MapGet("/reminders.csv", async (string id, [FromQuery] int? round, HttpRequest request, Reminders reminders, CancellationToken cancellationToken) =>
        {
            var outcome = await reminders.CsvAsync(id, round ?? 1, request, cancellationToken);
            return outcome.Problem?.ToResult() ?? Results.File(outcome.Value!, "text/csv; charset=utf-8", $"herinneringen-{id}-ronde-{round ?? 1}.csv");
        }).WithSummary("Niet-responders voor een herinneringsronde (CSV)");

        admin.MapPost("/close", async (string id, WaveClosing closing, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var outcome = await closing.CloseAsync(id, WaveFunctions.Actor(user), cancellationToken);
            return outcome.Problem?.ToResult() ?? Results.Ok(new { id, state = outcome.Value!.State, purgedOn = outcome.Value.PurgedOn });
        }).WithSummary("Sluit de meting nu (dezelfde stap als de nachtelijke taak)");

        return app;
    }
#endif

    public static IHostApplicationBuilder AddFielding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Ervaring.Storage.Invitations.Fieldwork>();
        builder.Services.AddSingleton<Ervaring.Storage.Responses.ResponseStore>();
        builder.Services.AddSingleton<Ervaring.Storage.Aggregates.FieldworkCountStore>();
        builder.Services.AddSingleton<FieldworkProgress>();
        builder.Services.AddSingleton<Ervaring.Functions.Survey.WaveDefinitions>();
        builder.Services.AddSingleton<Ervaring.Functions.Survey.SurveySession>();
        // Nightly steps, in this order: close what is due (which mixes and purges), mix the rest, reminders, retention.
        builder.Services.AddSingleton<WaveClosing>();
        builder.Services.AddSingleton<ResponseMixing>();
        builder.Services.AddSingleton<Reminders>();
        builder.Services.AddSingleton<ITimerStep>(sp => sp.GetRequiredService<WaveClosing>());
        builder.Services.AddSingleton<ITimerStep>(sp => sp.GetRequiredService<ResponseMixing>());
        builder.Services.AddSingleton<ITimerStep>(sp => sp.GetRequiredService<Reminders>());
        builder.Services.AddSingleton<ITimerStep, FrameRetention>();
        builder.Services.AddSingleton<ITimerStep, ContactHistoryRetention>();
        return builder;
    }
}
