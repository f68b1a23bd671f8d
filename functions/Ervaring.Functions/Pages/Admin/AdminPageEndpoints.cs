using System.Security.Claims;
using Ervaring.Functions.Api;
using Ervaring.Functions.Pages.Admin.Reporting;
using Ervaring.Functions.Pages.Shared;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Security;
using Ervaring.Functions.Waves;
using Ervaring.Storage.Waves;
using Microsoft.AspNetCore.Mvc;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Pages.Admin;

/// <summary>
/// The beheerder's web pages under /admin. They call the same services as the JSON API and only turn their
/// outcomes into pages: a problem becomes a Dutch message on the page, never a stack trace.
/// </summary>
public static class AdminPageEndpoints
{
    /// <summary>Success messages after a redirect, by key, so a reload never repeats the action.</summary>
    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["aangemaakt"] = "De meting is aangemaakt. Lees nu het steekproefkader in.",
        ["getrokken"] = "De steekproef is getrokken. Download de uitnodigingen en start het veldwerk als de brieven verstuurd zijn.",
        ["veldwerk"] = "Het veldwerk is gestart. De links in de uitnodigingen werken nu.",
    };

    public static IHostApplicationBuilder AddAdminPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WavePageLoader>();
        return builder;
    }

#if LEGACY_ENDPOINTS
    public static WebApplication MapAdminPages(this WebApplication app)
    {
        var open = app.MapGroup("/admin").WithPageHeaders().RequireFormToken().ExcludeFromDescription();
        open.MapGet("/inloggen", ([FromQuery(Name = "ReturnUrl")] string? returnUrl) =>
            Page<SignInPage>(new { ReturnUrl = AdminSignIn.SafeReturnUrl(returnUrl) })).AllowAnonymous();
        open.MapPost("/inloggen", async ([FromForm(Name = "sleutel")] string? key, [FromForm(Name = "terug")] string? returnUrl, HttpContext context, ApiKeyRegistry registry) =>
        {
            if (await AdminSignIn.WithApiKeyAsync(context, registry, key)) return Results.Redirect(AdminSignIn.SafeReturnUrl(returnUrl));
            return Page<SignInPage>(new { Error = "Deze API-sleutel kennen we niet. Controleer de sleutel en probeer het opnieuw.", ReturnUrl = AdminSignIn.SafeReturnUrl(returnUrl) },
                StatusCodes.Status401Unauthorized);
        }).AllowAnonymous();
        open.MapPost("/uitloggen", async (IFormCollection form, HttpContext context) =>
        {
            await AdminSignIn.SignOutAsync(context);
            return Results.Redirect("/admin/inloggen");
        }).AllowAnonymous();
        open.MapGet("/geen-toegang", () => Page<MessagePage>(new
        {
            Title = "Geen toegang",
            Text = "U bent ingelogd, maar met een rol die deze pagina's niet mag gebruiken. Log in met een beheerderssleutel.",
        }, StatusCodes.Status403Forbidden)).RequireAuthorization();

        var admin = app.MapGroup("/admin").RequireAuthorization(Policies.Beheerder).WithPageHeaders().RequireFormToken().ExcludeFromDescription();
        admin.MapGet("", async (WaveStore waves, Ervaring.Functions.Reports.Council.ReportDeadlines deadlines, CancellationToken cancellationToken) =>
            Page<OverviewPage>(new { Waves = await waves.ListAsync(cancellationToken), Deadlines = await deadlines.ReadAsync(cancellationToken) }));

        admin.MapGet("/metingen/nieuw", () => Page<NewWavePage>(new { Form = new WaveForm() }));
        admin.MapPost("/metingen/nieuw", async (IFormCollection form, WaveCreation creation, WaveStore waves, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var typed = WaveForm.From(form);
            var (settings, errors) = typed.ToSettings(creation.Validate);
            if (errors.Count > 0) return Page<NewWavePage>(new { Form = typed, Errors = errors }, StatusCodes.Status422UnprocessableEntity);
            var wave = creation.Create(settings);
            await waves.CreateAsync(wave, WaveFunctions.Actor(user), cancellationToken);
            return Results.Redirect($"/admin/metingen/{Uri.EscapeDataString(wave.Id)}?gedaan=aangemaakt");
        });

        admin.MapGet("/metingen/{id}", async (string id, [FromQuery(Name = "gedaan")] string? done, WavePageLoader loader, CancellationToken cancellationToken) =>
            await WavePageAsync(loader, id, cancellationToken, model => model with { Done = done is null ? null : DoneMessages.GetValueOrDefault(done) }));

        admin.MapPost("/metingen/{id}/kader", async (string id, IFormCollection form, SamplingService sampling, WavePageLoader loader, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            if (form.Files.GetFile("bestand") is not { Length: > 0 } file)
                return await WavePageAsync(loader, id, cancellationToken, m => m with { Problem = Problem.BadRequest("Kies een CSV-bestand om in te lezen; het gekozen bestand is leeg of ontbreekt.") });
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            var dropInvalid = form["weglaten"] == "true";
            var outcome = await Guarded(() => sampling.ImportFrameAsync(id, buffer.ToArray(), dropInvalid, WaveFunctions.Actor(user), cancellationToken));
            return await WavePageAsync(loader, id, cancellationToken, m => m with { Import = outcome.Value, Problem = ForTheUploadForm(outcome.Problem) });
        }).WithMetadata(new RequestSizeLimitAttribute(SamplingEndpoints.MaxFrameBytes)).WithFormOptions(multipartBodyLengthLimit: SamplingEndpoints.MaxFrameBytes);

        admin.MapPost("/metingen/{id}/trekken", async (string id, IFormCollection form, SamplingService sampling, WavePageLoader loader, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var outcome = await Guarded(() => sampling.DrawAsync(id, null, null, WaveFunctions.Actor(user), cancellationToken));
            return outcome.Problem is null
                ? Results.Redirect($"/admin/metingen/{Uri.EscapeDataString(id)}?gedaan=getrokken#trekking")
                : await WavePageAsync(loader, id, cancellationToken, m => m with { Problem = outcome.Problem });
        });

        admin.MapPost("/metingen/{id}/veldwerk", async (string id, IFormCollection form, FieldingStart fielding, WavePageLoader loader, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var outcome = await Guarded(() => fielding.StartAsync(id, WaveFunctions.Actor(user), cancellationToken));
            return outcome.Problem is null
                ? Results.Redirect($"/admin/metingen/{Uri.EscapeDataString(id)}?gedaan=veldwerk")
                : await WavePageAsync(loader, id, cancellationToken, m => m with { Problem = outcome.Problem });
        });

        admin.MapPost("/metingen/{id}/controleren", async (string id, IFormCollection form, SamplingService sampling, WavePageLoader loader, CancellationToken cancellationToken) =>
        {
            var outcome = await sampling.VerifyAsync(id, null, cancellationToken);
            return await WavePageAsync(loader, id, cancellationToken, m => m with { Verification = outcome.Value, Problem = outcome.Problem });
        });

        // Downloads live under the page routes so a problem answers with a Dutch page, not problem JSON;
        // the files themselves come from the same InvitationExport as the API's.
        admin.MapGet("/metingen/{id}/uitnodigingen.csv", async (string id, HttpRequest request, InvitationExport export, CancellationToken cancellationToken) =>
        {
            var rows = await export.RowsAsync(id, request, cancellationToken);
            return rows.Problem is { } problem
                ? ProblemPage(problem, id)
                : Results.File(InvitationExport.Csv(rows.Value!), "text/csv; charset=utf-8", $"uitnodigingen-{id}.csv");
        });
        admin.MapGet("/metingen/{id}/qr-codes.zip", async (string id, HttpRequest request, InvitationExport export, CancellationToken cancellationToken) =>
        {
            var rows = await export.RowsAsync(id, request, cancellationToken);
            return rows.Problem is { } problem
                ? ProblemPage(problem, id)
                : Results.File(InvitationExport.QrZip(rows.Value!), "application/zip", $"qr-codes-{id}.zip");
        });
        app.MapReportPages();
        return app;
    }
#endif

    private static async Task<IResult> WavePageAsync(WavePageLoader loader, string id, CancellationToken cancellationToken, Func<WavePageModel, WavePageModel> with)
    {
        if (await loader.LoadAsync(id, cancellationToken) is not { } model)
            return Page<MessagePage>(new { Title = "Meting niet gevonden", Text = $"Er is geen meting met kenmerk '{id}'." }, StatusCodes.Status404NotFound);
        model = with(model);
        return Page<WavePage>(new { Model = model }, model.Problem?.Status ?? StatusCodes.Status200OK);
    }

    private static IResult ProblemPage(Problem problem, string waveId) => Page<MessagePage>(new
    {
        problem.Title,
        Text = problem.Detail,
        BackHref = $"/admin/metingen/{Uri.EscapeDataString(waveId)}",
        BackText = "Terug naar de meting",
    }, problem.Status);

    /// <summary>
    /// The service's advice names the API switch (dropInvalid=true); on the page the same choice is the
    /// checkbox, so say that instead. Counts and rows are the service's own.
    /// </summary>
    private static Problem? ForTheUploadForm(Problem? problem) =>
        problem?.Extensions is { } extensions && extensions.TryGetValue("rejectedRows", out var rejected) && extensions.TryGetValue("dataRows", out var rows)
            ? problem with
            {
                Detail = $"{rejected} van de {rows} regels zijn afgekeurd. Er is niets opgeslagen. Verbeter het bestand, " +
                         "of vink hieronder 'Afgekeurde regels bewust weglaten' aan en lees het bestand opnieuw in.",
            }
            : problem;

    /// <summary>Someone else changed the wave at the same moment: say so, in Dutch, instead of an error page.</summary>
    private static async Task<Outcome<T>> Guarded<T>(Func<Task<Outcome<T>>> action)
    {
        try { return await action(); }
        catch (WaveConflictException ex) { return Problem.Conflict(ex.Message); }
    }
}
