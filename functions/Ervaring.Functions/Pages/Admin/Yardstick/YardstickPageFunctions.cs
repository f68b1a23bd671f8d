using System.Globalization;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Reports.Yardstick;
using Ervaring.Functions.Security;
using Microsoft.Azure.Functions.Worker;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Pages.Admin.Yardstick;

/// <summary>
/// The beheerder's pages for a municipality's yardstick (issue 14): set, change and remove targets, and give the
/// reason for a year without a survey. The same <see cref="YardstickService"/> as the API; {gemeente} is resolved
/// against the municipalities the officer covers first, so another municipality answers the same 404 page as one that
/// does not exist. Every post answers with a redirect (post/redirect/get) and is safe to send twice: a target is keyed
/// on what it is about (saved again = the same row), a removal of what is gone is a repeat, and a reason replaces the
/// earlier one.
/// </summary>
public sealed class YardstickPageFunctions(YardstickService service)
{
    private const string Route = "beheer/gemeenten/{gemeente}";
    private const string Scoped = "Resolves {gemeente} to a municipality the officer covers (YardstickService.ResolveAsync); any other answers the 404 page before anything is read or written.";

    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["streefwaarde"] = "De streefwaarde is bewaard.",
        ["verwijderd"] = "De streefwaarde is verwijderd.",
        ["reden"] = "De reden is bewaard.",
        ["referenties"] = "De referentiecijfers zijn ingelezen.",
        ["referentie-verwijderd"] = "Het referentiecijfer is verwijderd. Gepubliceerde rapporten houden het; een nieuwe versie toont het niet meer.",
    };

    [Function("PagesYardstick"), Beheerder, Page, ScopeInCode(Scoped)]
    public async Task<IResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string gemeente, CancellationToken cancellationToken)
    {
        if (await service.ResolveAsync(gemeente, OfficerScope.Of(request.HttpContext.User), cancellationToken) is not { } municipality) return NotFound(gemeente);
        var done = (string?)request.Query["gedaan"];
        var editing = (string?)request.Query["wijzig"];
        var yardstick = await service.ReadAsync(municipality, cancellationToken);
        return Page<YardstickPage>(new
        {
            Model = new YardstickPageModel(yardstick)
            {
                Done = done is null ? null : DoneMessages.GetValueOrDefault(done),
                Editing = editing is null ? null : yardstick.Targets.FirstOrDefault(t => t.Key == editing),
            },
        });
    }

    [Function("PagesYardstickTargetPost"), Beheerder, Page, FormPost, ScopeInCode(Scoped)]
    public async Task<IResult> SaveTarget(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/streefwaarden")] HttpRequest request, string gemeente, CancellationToken cancellationToken)
    {
        var (municipality, form, refused) = await OpenAsync(request, gemeente, cancellationToken);
        if (refused is not null) return refused;
        var typed = new[] { "audience", "measure", "dimension", "domainValue", "value", "targetYear", "policyTitle", "policyLink", "replaces" }
            .ToDictionary(f => f, f => form[$"doel-{f}"].ToString());
        var input = new TargetInput(typed["audience"], typed["measure"], typed["dimension"], typed["domainValue"], typed["value"], typed["targetYear"], typed["policyTitle"], typed["policyLink"]);
        var errors = await service.SaveTargetAsync(municipality, input, PageForms.Carried, string.IsNullOrEmpty(typed["replaces"]) ? null : typed["replaces"]);
        return errors.Count == 0
            ? Back(gemeente, "streefwaarde", "#streefwaarden")
            : await ShowAgainAsync(municipality, YardstickPageModel.TargetForm, errors, typed, cancellationToken);
    }

    [Function("PagesYardstickTargetDelete"), Beheerder, Page, FormPost, ScopeInCode(Scoped)]
    public async Task<IResult> DeleteTarget(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/streefwaarden/verwijderen")] HttpRequest request, string gemeente, CancellationToken cancellationToken)
    {
        var (municipality, form, refused) = await OpenAsync(request, gemeente, cancellationToken);
        if (refused is not null) return refused;
        return await RemoveAsync(gemeente, form[KeyField].ToString(), YardstickService.IsTargetKey, "welke streefwaarde",
            key => service.DeleteTargetAsync(municipality, key, PageForms.Carried), "verwijderd", "#streefwaarden");
    }

    [Function("PagesYardstickGapReasonPost"), Beheerder, Page, FormPost, ScopeInCode(Scoped)]
    public async Task<IResult> SaveGapReason(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/jaren")] HttpRequest request, string gemeente, CancellationToken cancellationToken)
    {
        var (municipality, form, refused) = await OpenAsync(request, gemeente, cancellationToken);
        if (refused is not null) return refused;
        // A listed gap posts its year in a hidden field and its reason as "reden-{year}"; the form for an earlier year
        // (before the first wave) has the fields "jaar" and "reden" to type in.
        var yearText = form["jaar"].ToString().Trim();
        var isYear = int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year);
        var listed = isYear && form.ContainsKey($"reden-{year}");
        var formName = listed ? YardstickPageModel.YearForm(year) : YardstickPageModel.EarlierYearForm;
        var typed = new Dictionary<string, string> { ["year"] = yearText, ["reason"] = form[listed ? $"reden-{year}" : "reden"].ToString() };
        IReadOnlyList<FieldError> errors = isYear
            ? await service.SaveGapReasonAsync(municipality, year, new GapReasonInput(typed["reason"]), PageForms.Carried)
            : [new FieldError("year", "Vul een jaartal in, zoals 2021.")];
        return errors.Count == 0
            ? Back(gemeente, "reden", "#jaren")
            : await ShowAgainAsync(municipality, formName, errors, typed, cancellationToken);
    }

    [Function("PagesYardstickReferencesPost"), Beheerder, Page, FormPost, ScopeInCode(Scoped)]
    public async Task<IResult> ImportReferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/referenties")] HttpRequest request, string gemeente, CancellationToken cancellationToken)
    {
        var (municipality, form, refused) = await OpenAsync(request, gemeente, cancellationToken);
        if (refused is not null) return refused;
        IReadOnlyList<string> errors;
        if (form.Files.GetFile("bestand") is not { Length: > 0 } file) errors = ["Kies een CSV-bestand met referentiecijfers; het gekozen bestand is leeg of ontbreekt."];
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            errors = await service.ImportReferencesAsync(municipality, buffer.ToArray(), PageForms.Carried);
        }
        return errors.Count == 0
            ? Back(gemeente, "referenties", "#referenties")
            : Page<YardstickPage>(new { Model = new YardstickPageModel(await service.ReadAsync(municipality, cancellationToken)) { ReferenceErrors = errors } },
                StatusCodes.Status422UnprocessableEntity);
    }

    [Function("PagesYardstickReferenceDelete"), Beheerder, Page, FormPost, ScopeInCode(Scoped)]
    public async Task<IResult> DeleteReference(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/referenties/verwijderen")] HttpRequest request, string gemeente, CancellationToken cancellationToken)
    {
        var (municipality, form, refused) = await OpenAsync(request, gemeente, cancellationToken);
        if (refused is not null) return refused;
        return await RemoveAsync(gemeente, form[KeyField].ToString(), key => key.Length > 0, "welk referentiecijfer",
            key => service.DeleteReferenceAsync(municipality, key, PageForms.Carried), "referentie-verwijderd", "#referenties");
    }

    /// <summary>The hidden field of a remove button (a target's or a reference figure's): the key of what goes.</summary>
    public const string KeyField = "sleutel";

    /// <summary>
    /// The start of every post: {gemeente} resolved to a municipality the officer covers (else the 404 page, before the
    /// form is read), then the form with its antiforgery check. Exactly one of (municipality and form) or refusal is set.
    /// </summary>
    private async Task<(string Municipality, IFormCollection Form, IResult? Refused)> OpenAsync(HttpRequest request, string gemeente, CancellationToken cancellationToken)
    {
        if (await service.ResolveAsync(gemeente, OfficerScope.Of(request.HttpContext.User), cancellationToken) is not { } municipality) return ("", null!, NotFound(gemeente));
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        return form is null ? ("", null!, refused!) : (municipality, form, null);
    }

    /// <summary>A remove button's post: the key it carries is checked, then removed; removing what is gone already (the same button sent twice) is a repeat, not an error.</summary>
    private static async Task<IResult> RemoveAsync(string gemeente, string key, Func<string, bool> isKey, string which, Func<string, Task> remove, string done, string anchor)
    {
        if (!isKey(key)) return Message(Problem.BadRequest($"Het formulier zei niet {which} weg moet. Open de pagina opnieuw en probeer het nog eens."), gemeente);
        await remove(key);
        return Back(gemeente, done, anchor);
    }

    private async Task<IResult> ShowAgainAsync(string municipality, string form, IReadOnlyList<FieldError> errors, Dictionary<string, string> typed, CancellationToken ct) =>
        Page<YardstickPage>(new { Model = new YardstickPageModel(await service.ReadAsync(municipality, ct)) { Form = form, Errors = errors, Typed = typed } },
            StatusCodes.Status422UnprocessableEntity);

    private static IResult Back(string slug, string done, string anchor) =>
        Results.Redirect($"{AdminSignIn.Home}/gemeenten/{Uri.EscapeDataString(slug)}?gedaan={done}{anchor}");

    /// <summary>Unknown, or not the officer's: the same page either way, naming only what was asked for.</summary>
    private static IResult NotFound(string slug) => Message(YardstickService.NotFound(slug), null);

    private static IResult Message(Problem problem, string? slug) => Page<MessagePage>(new
    {
        Title = problem.Status == StatusCodes.Status404NotFound ? "Gemeente niet gevonden" : problem.Title,
        Text = problem.Detail,
        BackHref = slug is null ? AdminSignIn.Home : $"{AdminSignIn.Home}/gemeenten/{Uri.EscapeDataString(slug)}",
        BackText = slug is null ? "Terug naar de metingen" : "Terug naar streefwaarden en jaren",
    }, problem.Status);
}
