using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Timers;
using Ervaring.Functions.Waves;
using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Functions.Fielding;

/// <summary>Following and ending the fieldwork: progress (onderzoeker), reminder lists and closing (beheerder).</summary>
public sealed class FieldingFunctions(FieldworkProgress progress, Reminders reminders, WaveClosing closing)
{
    private const string Tag = "Veldwerk";

    [Function("FieldingProgress"), Onderzoeker]
    [Described(Tag, "Respons per doelgroep en stratum")]
    [Returns(StatusCodes.Status200OK, typeof(ProgressReport)), Returns(StatusCodes.Status404NotFound)]
    public async Task<IResult> Progress(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{id}/progress")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var outcome = await progress.ReportAsync(id, cancellationToken);
        return outcome.Problem?.ToResult() ?? Results.Ok(outcome.Value);
    }

    [Function("FieldingReminders"), Beheerder]
    [Described(Tag, "Niet-responders voor een herinneringsronde (CSV)")]
    [Returns(StatusCodes.Status200OK, contentType: "text/csv"), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound), Returns(StatusCodes.Status409Conflict)]
    public async Task<IResult> ReminderList(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{id}/reminders.csv")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryInt(request, "round", out var given)) return Results.BadRequest();
        var round = given ?? 1;
        var outcome = await reminders.CsvAsync(id, round, cancellationToken);
        return outcome.Problem?.ToResult() ?? Results.File(outcome.Value!, "text/csv; charset=utf-8", $"herinneringen-{id}-ronde-{round}.csv");
    }

    [Function("FieldingClose"), Beheerder]
    [Described(Tag, "Sluit de meting nu (dezelfde stap als de nachtelijke taak)")]
    [Returns(StatusCodes.Status200OK, typeof(WaveClosed)), Returns(StatusCodes.Status404NotFound), Returns(StatusCodes.Status409Conflict)]
    public async Task<IResult> Close(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves/{id}/close")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var outcome = await closing.CloseAsync(id, WaveFunctions.Actor(request.HttpContext.User), cancellationToken);
        return outcome.Problem?.ToResult() ?? Results.Ok(new WaveClosed(id, outcome.Value!.State, outcome.Value.PurgedOn));
    }
}

/// <summary>The answer to closing a wave: its new state and the day its token↔client links were purged (if already).</summary>
public sealed record WaveClosed(string Id, WaveState State, DateOnly? PurgedOn);

public static class FieldingRegistration
{
    public static IHostApplicationBuilder AddFielding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Ervaring.Storage.Invitations.Fieldwork>();
        builder.Services.AddSingleton<Ervaring.Storage.Responses.ResponseStore>();
        builder.Services.AddSingleton<Ervaring.Storage.Aggregates.FieldworkCountStore>();
        builder.Services.AddSingleton<FieldworkProgress>();
        builder.Services.AddSingleton<ResponseLanguages>();
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
