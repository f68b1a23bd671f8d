using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Pages.Shared;
using Ervaring.Functions.Reports.Council;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Security;
using Ervaring.Functions.Waves;
using Ervaring.Storage.Waves;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Pages.Admin;

/// <summary>
/// The beheerder's web pages under /beheer (not /admin: the Functions host keeps every route starting with "admin"
/// for its own API). They call the same services as the JSON API and only turn their outcomes into pages: a
/// problem becomes a Dutch message on the page, never a stack trace. Signing in and out and the "geen toegang"
/// page are open; everything else is for the beheerder. The reporting pages are in <see cref="Reporting.ReportPageFunctions"/>.
/// </summary>
public sealed class AdminPageFunctions(
    ApiKeyRegistry registry,
    SignInSessions sessions,
    WaveStore waves,
    ReportDeadlines deadlines,
    WaveCreation creation,
    WavePageLoader loader,
    SamplingService sampling,
    FieldingStart fielding,
    InvitationExport export,
    TimeProvider clock)
{
    /// <summary>Success messages after a redirect, by key, so a reload never repeats the action.</summary>
    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["aangemaakt"] = "De meting is aangemaakt. Lees nu het steekproefkader in.",
        ["getrokken"] = "De steekproef is getrokken. Download de uitnodigingen en start het veldwerk als de brieven verstuurd zijn.",
        ["veldwerk"] = "Het veldwerk is gestart. De links in de uitnodigingen werken nu.",
        ["gesloten"] = "Het veldwerk is gesloten. Maak nu het rapportconcept.",
    };

    // ---- Signing in and out (open) ------------------------------------------------------------------------

    [Function("PagesSignIn"), Page]
    [Public("The sign-in page: whoever is not signed in must be able to reach it; it shows nothing but the form.")]
    public IResult SignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beheer/inloggen")] HttpRequest request, CancellationToken cancellationToken) =>
        Page<SignInPage>(new { ReturnUrl = AdminSignIn.SafeReturnUrl(request.Query["ReturnUrl"]) });

    [Function("PagesSignInPost"), Page, FormPost]
    [Public("Signing in: the API key in the form is the credential; the antiforgery token is still required.")]
    public async Task<IResult> SignInPost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "beheer/inloggen")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        var returnUrl = AdminSignIn.SafeReturnUrl(form["terug"]);
        // After an expired session: what was typed came along (ExpiredSession), and goes back to its form.
        var carriedTo = ExpiredSession.SafeAction(form[ExpiredSession.CarriedAction]);
        var carried = carriedTo is null ? null : ExpiredSession.FromSignIn(form);
        if (await AdminSignIn.WithApiKeyAsync(request.HttpContext, registry, sessions, form["sleutel"]))
            return carried is null ? Results.Redirect(returnUrl) : Page<ResendPage>(new { Action = carriedTo, Fields = carried });
        return Page<SignInPage>(new
        {
            Error = "Deze API-sleutel kennen we niet. Controleer de sleutel en probeer het opnieuw.", ReturnUrl = returnUrl,
            Carried = carried, CarriedTo = carriedTo, Expired = carried is not null
        }, StatusCodes.Status401Unauthorized);
    }

    [Function("PagesSignOut"), Page, FormPost]
    [Public("Signing out only ends the caller's own session (revoked server-side) and removes its cookie; the antiforgery token keeps other sites from doing it.")]
    public async Task<IResult> SignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "beheer/uitloggen")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        await AdminSignIn.SignOutAsync(request.HttpContext, sessions);
        return Results.Redirect(AdminSignIn.Home + "/inloggen");
    }

    [Function("PagesNoAccess"), Page]
    [Public("Where the sign-in cookie sends a signed-in user whose role does not fit; whoever is not signed in is sent to sign in.")]
    public IResult NoAccess(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beheer/geen-toegang")] HttpRequest request, CancellationToken cancellationToken)
    {
        // The page speaks to a signed-in user (as it did when it required any sign-in): the others sign in first.
        if (request.HttpContext.User.Identity?.IsAuthenticated != true) return Results.Challenge();
        return Page<MessagePage>(new
        {
            Title = "Geen toegang",
            Text = "U bent ingelogd, maar met een rol die deze pagina's niet mag gebruiken. Log in met een beheerderssleutel.",
        }, StatusCodes.Status403Forbidden);
    }

    // ---- Waves (beheerder) ----------------------------------------------------------------------------------

    [Function("PagesOverview"), Beheerder, Page, ScopeInCode("Shows only the waves, deadlines and pending follow-ups of waves all of whose municipalities are the officer's.")]
    public async Task<IResult> Overview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beheer")] HttpRequest request, CancellationToken cancellationToken)
    {
        var scope = OfficerScope.Of(request.HttpContext.User);
        return Page<OverviewPage>(new { Waves = (await waves.ListAsync(cancellationToken)).Where(scope.Covers).ToList(), Deadlines = await deadlines.ReadAsync(scope, cancellationToken) });
    }

    [Function("PagesNewWave"), Beheerder, Page, ScopeInCode("An empty form: it shows nothing of any wave.")]
    public IResult NewWave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beheer/metingen/nieuw")] HttpRequest request, CancellationToken cancellationToken) =>
        Page<NewWavePage>(new { Form = new WaveForm() });

    [Function("PagesNewWavePost"), Beheerder, Page, FormPost, ScopeInCode("The new wave's municipalities must all be the officer's (as the API's WavesCreate).")]
    public async Task<IResult> NewWavePost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "beheer/metingen/nieuw")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        var typed = WaveForm.From(form);
        var (settings, errors) = typed.ToSettings(creation.Validate);
        if (errors.Count > 0) return Page<NewWavePage>(new { Form = typed, Errors = errors }, StatusCodes.Status422UnprocessableEntity);
        var outcome = await creation.CreateAsync(settings, WaveFunctions.Actor(request.HttpContext.User), OfficerScope.Of(request.HttpContext.User), PageForms.Carried);
        // Another wave has this municipality and year (or the same click arrived twice): say which, keep the form.
        if (outcome.Value is not { } wave)
            return Page<NewWavePage>(new { Form = typed, Errors = new List<FieldError> { new("municipalities", outcome.Problem!.Detail) } }, outcome.Problem.Status);
        return Results.Redirect($"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(wave.Id)}?gedaan=aangemaakt");
    }

    [Function("PagesWave"), Beheerder, Page]
    public async Task<IResult> Wave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beheer/metingen/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var done = (string?)request.Query["gedaan"];
        if (done == Imported)
        {
            // After an upload: its report again, from the stored file (the same report a repeat upload gets).
            var report = await sampling.ImportReportAsync(id, cancellationToken);
            return await WavePageAsync(id, cancellationToken, model => model with { Import = report.Value });
        }
        if (done == Verified)
        {
            // After "Trekking controleren": the check again (it writes nothing), so a reload shows it too.
            var verification = await sampling.VerifyAsync(id, null, cancellationToken);
            return await WavePageAsync(id, cancellationToken, model => model with { Verification = verification.Value, Problem = verification.Problem });
        }
        return await WavePageAsync(id, cancellationToken, model => model with { Done = done is null ? null : DoneMessages.GetValueOrDefault(done) });
    }

    // "gedaan" keys whose page shows the outcome itself rather than a sentence.
    private const string Imported = "ingelezen";
    private const string Verified = "gecontroleerd";

    [Function("PagesWaveFrame"), Beheerder, Page, FormPost, MaxBody(SamplingFunctions.MaxFrameBytes)]
    public async Task<IResult> WaveFrame(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "beheer/metingen/{id}/kader")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        if (form.Files.GetFile("bestand") is not { Length: > 0 } file)
            return await WavePageAsync(id, cancellationToken, m => m with { Problem = Problem.BadRequest("Kies een CSV-bestand om in te lezen; het gekozen bestand is leeg of ontbreekt.") });
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var dropInvalid = form["weglaten"] == "true";
        var outcome = await Guarded(() => sampling.ImportFrameAsync(id, buffer.ToArray(), dropInvalid, WaveFunctions.Actor(request.HttpContext.User), PageForms.Carried));
        return outcome.Problem is null
            ? Results.Redirect($"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(id)}?gedaan={Imported}#kader")
            : await WavePageAsync(id, cancellationToken, m => m with { Problem = ForTheUploadForm(outcome.Problem) });
    }

    [Function("PagesWaveDraw"), Beheerder, Page, FormPost]
    public async Task<IResult> WaveDraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "beheer/metingen/{id}/trekken")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        var outcome = await Guarded(() => sampling.DrawAsync(id, null, null, WaveFunctions.Actor(request.HttpContext.User), PageForms.Carried));
        return outcome.Problem is null
            ? Results.Redirect($"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(id)}?gedaan=getrokken#trekking")
            : await WavePageAsync(id, cancellationToken, m => m with { Problem = outcome.Problem });
    }

    [Function("PagesWaveFielding"), Beheerder, Page, FormPost]
    public async Task<IResult> WaveFielding(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "beheer/metingen/{id}/veldwerk")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        // Before the planned day the confirmation asks why; without a reason (or with one too long) it is shown again.
        var reason = form[CyclePageFunctions.ReasonField].ToString().Trim();
        if (await waves.GetAsync(id, cancellationToken) is { Wave: { State: WaveState.Sampled } wave }
            && FieldingStart.IsEarly(wave, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            && (reason.Length == 0 || reason.Length > FieldingStart.MaxReasonLength))
        {
            var field = new ConfirmField(CyclePageFunctions.ReasonField, "Waarom start het veldwerk eerder dan gepland?",
                $"Bijvoorbeeld: de brieven zijn eerder verstuurd. Ten hoogste {FieldingStart.MaxReasonLength} tekens.", reason)
            {
                Errors = [reason.Length == 0
                    ? $"Vul in waarom het veldwerk eerder start dan gepland ({Shared.Format.Date(wave.Settings.FieldStart)})."
                    : $"De reden is {reason.Length} tekens lang; ten hoogste {FieldingStart.MaxReasonLength} mag."],
            };
            return CyclePageFunctions.FieldingConfirmPage(wave, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), field, StatusCodes.Status422UnprocessableEntity);
        }
        var outcome = await Guarded(() => fielding.StartAsync(id, WaveFunctions.Actor(request.HttpContext.User), PageForms.Carried, reason));
        // The confirmation form sent twice: the second finds the fieldwork started, which is what it asked for.
        var started = outcome.Problem is null || (await waves.GetAsync(id, cancellationToken))?.Wave.FieldingStartedOn is not null;
        return started
            ? Results.Redirect($"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(id)}?gedaan=veldwerk")
            : await WavePageAsync(id, cancellationToken, m => m with { Problem = outcome.Problem });
    }

    [Function("PagesWaveVerify"), Beheerder, Page, FormPost]
    public async Task<IResult> WaveVerify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "beheer/metingen/{id}/controleren")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        var outcome = await sampling.VerifyAsync(id, null, cancellationToken);
        return outcome.Problem is null
            ? Results.Redirect($"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(id)}?gedaan={Verified}#controle")
            : await WavePageAsync(id, cancellationToken, m => m with { Problem = outcome.Problem });
    }

    // Downloads live under the page routes so a problem answers with a Dutch page, not problem JSON;
    // the files themselves come from the same InvitationExport as the API's.

    [Function("PagesWaveInvitations"), Beheerder, Page]
    public async Task<IResult> WaveInvitations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beheer/metingen/{id}/uitnodigingen.csv")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var rows = await export.RowsAsync(id, cancellationToken);
        return rows.Problem is { } problem
            ? ProblemPage(problem, id)
            : Results.File(InvitationExport.Csv(rows.Value!), "text/csv; charset=utf-8", $"uitnodigingen-{id}.csv");
    }

    [Function("PagesWaveQrCodes"), Beheerder, Page]
    public async Task<IResult> WaveQrCodes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beheer/metingen/{id}/qr-codes.zip")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var rows = await export.RowsAsync(id, cancellationToken);
        return rows.Problem is { } problem
            ? ProblemPage(problem, id)
            : Results.File(InvitationExport.QrZip(rows.Value!), "application/zip", $"qr-codes-{id}.zip");
    }

    private async Task<IResult> WavePageAsync(string id, CancellationToken cancellationToken, Func<WavePageModel, WavePageModel> with)
    {
        if (await loader.LoadAsync(id, cancellationToken) is not { } model)
            return WaveScopeGate.NotFoundPage(id);
        model = with(model);
        return Page<WavePage>(new { Model = model }, model.Problem?.Status ?? StatusCodes.Status200OK);
    }

    private static IResult ProblemPage(Problem problem, string waveId) => Page<MessagePage>(new
    {
        problem.Title,
        Text = problem.Detail,
        BackHref = $"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(waveId)}",
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

/// <summary>What the admin pages need besides the services of the capabilities they show.</summary>
public static class AdminPageRegistration
{
    public static IHostApplicationBuilder AddAdminPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WavePageLoader>();
        builder.Services.AddSingleton<Fieldwork.FieldworkDashboard>();
        // The frame upload is a multipart form of up to MaxFrameBytes, and the antiforgery check reads that form
        // before the function runs, with the app's form options (a route cannot set its own here, as minimal APIs
        // could). The body limit of each function (1 MB unless it declares [MaxBody]) still bounds every form.
        builder.Services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = SamplingFunctions.MaxFrameBytes);
        return builder;
    }
}
