using Ervaring.Core.Surveys;
using Ervaring.Functions.Hosting;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Municipalities;
using Ervaring.Functions.Pages.Shared;
using Ervaring.Functions.Pages.Survey;
using Ervaring.Functions.Security;
using Ervaring.Storage.Responses;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Azure.Functions.Worker;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Survey;

/// <summary>
/// The family's survey: <c>/s/?t={token}</c> (the personal link as Ervaring issues it, see <see cref="SurveyLinks"/>;
/// <c>/s/{token}</c> works the same) and <c>/s/</c> without a token (typing the code from the letter).
/// Public by decision (see each function) — the unguessable token is the key. Every answer is kept on a validation error, and a
/// storage outage gives a 503 page that holds everything the family entered, ready to send again.
/// </summary>
public sealed class SurveyFunctions(SurveySession session, FailedLookupLimiter limiter, IAntiforgery antiforgery, MunicipalityDirectory municipalities)
{
    /// <summary>A whole questionnaire with long open answers is far below this; anything bigger is not a survey post.</summary>
    public const long MaxPostBytes = 256 * 1024;

    private const string WhyPublic = "The family's survey: the unguessable token in the link is the key, and failed look-ups are rate-limited.";

    [Function("SurveyShow"), Public(WhyPublic), Page(AllowOwnScripts = true)]
    public Task<IResult> Show([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "s")] HttpRequest request, CancellationToken cancellationToken) =>
        ShowAsync(request.HttpContext, cancellationToken);

    [Function("SurveyPost"), Public(WhyPublic), Page(AllowOwnScripts = true), MaxBody(MaxPostBytes)]
    public Task<IResult> Post([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "s")] HttpRequest request, CancellationToken cancellationToken) =>
        PostAsync(request.HttpContext, cancellationToken);

    // The path form of the API (/s/{token}) is served too, for links typed by hand; Ervaring itself only
    // ever issues the query form (see SurveyLinks for why).
    [Function("SurveyShowPathForm"), Public(WhyPublic), Page(AllowOwnScripts = true)]
    public Task<IResult> ShowPathForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "s/{token}")] HttpRequest request, string token, CancellationToken cancellationToken) =>
        ShowAsync(request.HttpContext, cancellationToken);

    [Function("SurveyPostPathForm"), Public(WhyPublic), Page(AllowOwnScripts = true), MaxBody(MaxPostBytes)]
    public Task<IResult> PostPathForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "s/{token}")] HttpRequest request, string token, CancellationToken cancellationToken) =>
        PostAsync(request.HttpContext, cancellationToken);

    private async Task<IResult> ShortCodeAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (limiter.IsBlocked(context)) return TooManyAttempts();
        var (form, unreadable) = await ReadFormAsync(context, cancellationToken);
        if (form is null) return unreadable!;
        var typed = form["code"].ToString();
        var mode = OfficerMode(context, form["modus"]);
        if (!Ervaring.Core.Invitations.ShortCode.TryParse(typed, out _, out var error))
            return Page<ShortCodePage>(new { Error = error, Code = typed, Mode = mode }, StatusCodes.Status422UnprocessableEntity);
        var token = await session.TokenForShortCodeAsync(typed, cancellationToken);
        if (token is null)
        {
            limiter.RecordFailure(context);
            return Page<ShortCodePage>(new { Error = SurveyText.DutchUnknownReader.CheckCode, Code = typed, Mode = mode }, StatusCodes.Status422UnprocessableEntity);
        }
        return Results.Redirect(SurveyLinks.For(token, ("modus", mode)), permanent: false, preserveMethod: false);
    }

    private async Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        int? page = int.TryParse(query["pagina"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null;
        var chosen = query["taal"].ToString() is { Length: > 0 } l ? l : null;
        var language = chosen ?? context.Request.Cookies[LanguageCookie];
        var requestedMode = query["modus"].ToString() is { Length: > 0 } m ? m : null;
        var token = SurveyLinks.TokenOf(context);
        if (string.IsNullOrEmpty(token)) return Page<ShortCodePage>(new { Mode = OfficerModeName(requestedMode) });
        if (limiter.IsBlocked(context)) return TooManyAttempts();
        var lookup = await session.OpenAsync(token, language, cancellationToken);
        if (lookup.Context is not { } survey) return NotOpen(lookup, language, context);
        var mode = OfficerMode(context, requestedMode) ?? ResponseModes.Web;
        if (chosen is not null && chosen == survey.Language) RememberLanguage(context, chosen);
        if (mode == ResponseModes.Web) await session.MarkOpenedAsync(survey, cancellationToken);
        var draft = survey.Open.Draft;
        var model = Model(survey, token, mode, context) with
        {
            Page = page is { } number ? Math.Clamp(number, 0, survey.Definition.Sections.Count) : ResumePage(survey.BaseDefinition, draft, survey.Frame),
            Answers = draft,
        };
        return Page<SurveyPage>(new { Model = model });
    }

    private async Task<IResult> PostAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var token = SurveyLinks.TokenOf(context);
        if (string.IsNullOrEmpty(token)) return await ShortCodeAsync(context, cancellationToken);
        if (limiter.IsBlocked(context)) return TooManyAttempts();
        var (raw, unreadable) = await ReadFormAsync(context, cancellationToken);
        if (raw is null) return unreadable!;
        try
        {
            return await HandlePostAsync(token, raw, context, cancellationToken);
        }
        catch (Exception ex) when (ErrorHandling.IsStorageOutage(ex))
        {
            var language = raw["taal"].ToString();
            var text = SurveyText.For(language);
            context.Response.Headers.RetryAfter = "60";
            return Page<SurveyMessagePage>(new
            {
                Heading = text.UnavailableTitle,
                Message = text.Unavailable,
                Language = language is { Length: > 0 } ? language : "nl",
                Preserved = SurveyForm.Raw(raw),
                PreservedAction = SurveyLinks.For(token),
            }, StatusCodes.Status503ServiceUnavailable);
        }
    }

    private async Task<IResult> HandlePostAsync(string token, IFormCollection raw, HttpContext context, CancellationToken cancellationToken)
    {
        var lookup = await session.OpenAsync(token, raw["taal"], cancellationToken);
        if (lookup.Context is not { } survey) return NotOpen(lookup, raw["taal"], context);
        var form = SurveyForm.From(raw, survey.BaseDefinition);

        var mode = ResponseModes.Web;
        if (form.Mode is ResponseModes.Paper or ResponseModes.Telephone)
        {
            // Entering a paper or phone questionnaire is for an officer, and must not be forgeable from another site.
            if (OfficerMode(context, form.Mode) is null || !await antiforgery.IsRequestValidAsync(context))
                return Page<SurveyMessagePage>(new { Heading = "Geen toegang", Message = "Alleen een ingelogde onderzoeker kan een papieren of telefonische vragenlijst invoeren." }, StatusCodes.Status403Forbidden);
            mode = form.Mode;
        }

        var audience = survey.Open.Invitation.Audience;
        var identity = municipalities.For(survey.Open.Invitation.Municipality);
        var text = SurveyText.For(survey.BaseDefinition, survey.Language);
        var direction = survey.BaseDefinition.IsRightToLeft(survey.Language) ? "rtl" : "ltr";
        form = form with { Language = survey.Language };
        var itemsOnPage = form.ItemsOnPage(survey.BaseDefinition);
        var shown = SurveySession.Merge(survey.Open.Draft, form.Answers, itemsOnPage);
        var model = Model(survey, token, mode, context) with { Page = form.Page, Answers = shown };

        switch (form.Action)
        {
            case "weigeren":
                return Page<SurveyMessagePage>(new
                {
                    Heading = text.NotParticipate, Message = text.NotParticipateQuestion, Language = form.Language, Audience = audience, Identity = identity, Translated = text, Direction = direction,
                    ConfirmRefusalUrl = SurveyLinks.For(token), BackUrl = model.PageUrl(form.Page),
                });
            case "weigeren-bevestigd":
                await session.RefuseAsync(survey, cancellationToken);
                return Page<SurveyMessagePage>(new { Heading = text.RefusedTitle, Message = text.Refused, Language = form.Language, Audience = audience, Identity = identity, Translated = text, Direction = direction });
            case "verzenden":
            {
                var result = await session.SubmitAsync(survey, form.Answers, itemsOnPage, mode, cancellationToken);
                return result.Outcome switch
                {
                    SubmitOutcome.Completed => Page<SurveyMessagePage>(new { Heading = text.ThankYouTitle, Message = text.ThankYou, Language = form.Language, Audience = audience, Identity = identity, Translated = text, Direction = direction }),
                    SubmitOutcome.AlreadyCompleted => Page<SurveyMessagePage>(new { Heading = text.AlreadyDoneTitle, Message = text.AlreadyDone, Language = form.Language, Audience = audience, Identity = identity, Translated = text, Direction = direction }),
                    SubmitOutcome.Closed => NotOpen(new LinkLookup(LinkState.NotOpen, null), form.Language, context),
                    _ => Invalid(model, result.Validation!.Errors, survey.BaseDefinition),
                };
            }
            case "volgende":
            case "vorige":
            {
                var saved = await session.SaveAsync(survey, form.Answers, itemsOnPage, cancellationToken);
                var errors = PageErrors(survey.BaseDefinition, shown, form.Page, checkRequired: form.Action == "volgende", saved.Errors, survey.Frame);
                if (errors.Count > 0 && form.Action == "volgende") return Invalid(model, errors, survey.BaseDefinition);
                var next = form.Action == "volgende" ? Math.Min(form.Page + 1, model.PageCount) : Math.Max(form.Page - 1, 0);
                return Results.Redirect(model.PageUrl(next));
            }
            default: // "opslaan", or a post without an action
            {
                var saved = await session.SaveAsync(survey, form.Answers, itemsOnPage, cancellationToken);
                var errors = PageErrors(survey.BaseDefinition, shown, form.Page, checkRequired: false, saved.Errors, survey.Frame);
                return Page<SurveyPage>(new { Model = model with { Errors = errors, Notice = text.Saved } }, errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
            }
        }
    }

    /// <summary>Shows the first page that has a problem, with that page's problems next to their questions.</summary>
    private static IResult Invalid(SurveyPageModel model, IReadOnlyDictionary<string, string> errors, SurveyDefinition definition)
    {
        var firstPage = definition.Sections.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Items.Any(item => errors.ContainsKey(item.Id))).i + 1;
        if (firstPage == 0) firstPage = model.Page;
        var onPage = definition.Sections[firstPage - 1].Items.Select(i => i.Id).ToHashSet();
        var pageErrors = errors.Where(e => onPage.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        return Page<SurveyPage>(new { Model = model with { Page = firstPage, Errors = pageErrors } }, StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Problems on one page: invalid values always, missing required answers when moving on.</summary>
    private static Dictionary<string, string> PageErrors(SurveyDefinition definition, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, int page, bool checkRequired, IReadOnlyDictionary<string, string> valueErrors, RespondentFrame frame)
    {
        if (page < 1 || page > definition.Sections.Count) return new Dictionary<string, string>(valueErrors);
        var onPage = definition.Sections[page - 1].Items.Select(i => i.Id).ToHashSet();
        var errors = valueErrors.Where(e => onPage.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        if (checkRequired)
            foreach (var (item, message) in SurveyAnswers.Validate(definition, answers, AnswerMode.Submit, frame).Errors)
                if (onPage.Contains(item)) errors.TryAdd(item, message);
        return errors;
    }

    /// <summary>Opening the link again continues at the first page with an unanswered question.</summary>
    private static int ResumePage(SurveyDefinition definition, IReadOnlyDictionary<string, IReadOnlyList<string>> draft, RespondentFrame frame)
    {
        if (draft.Count == 0) return 0;
        var visible = SurveyAnswers.VisibleItemIds(definition, draft, frame).ToHashSet();
        for (var i = 0; i < definition.Sections.Count; i++)
            if (definition.Sections[i].Items.Any(item => visible.Contains(item.Id) && !draft.ContainsKey(item.Id))) return i + 1;
        return definition.Sections.Count;
    }

    private SurveyPageModel Model(SurveyContext survey, string token, string mode, HttpContext context)
    {
        var tokens = mode == ResponseModes.Web ? null : antiforgery.GetAndStoreTokens(context);
        return new SurveyPageModel
        {
            Token = token,
            Definition = survey.Definition,
            Language = survey.Language,
            Mode = mode,
            Frame = survey.Frame,
            Identity = municipalities.For(survey.Open.Invitation.Municipality),
            FormToken = tokens?.RequestToken,
            FormTokenField = tokens?.FormFieldName,
        };
    }

    /// <summary>
    /// The chosen language is remembered in a cookie for the survey pages only, so a family that opens the link from
    /// the letter again gets the language they chose. It holds a language code and nothing else (no token, no person).
    /// </summary>
    public const string LanguageCookie = "ervaring_taal";

    private static void RememberLanguage(HttpContext context, string language) =>
        context.Response.Cookies.Append(LanguageCookie, language, new CookieOptions
        {
            Path = "/s", HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(120), IsEssential = true,
        });

    /// <summary>Unknown, closed or expired all look the same to the visitor, and all count as a failed look-up.</summary>
    private IResult NotOpen(LinkLookup lookup, string? language, HttpContext context)
    {
        var text = SurveyText.For(language, lookup.Audience);
        var identity = lookup.Municipality is { } municipality ? municipalities.For(municipality) : null;
        return lookup.State switch
        {
            LinkState.Completed => Page<SurveyMessagePage>(new { Heading = text.AlreadyDoneTitle, Message = text.AlreadyDone, Language = language ?? "nl", lookup.Audience, Identity = identity }),
            LinkState.Refused => Page<SurveyMessagePage>(new { Heading = text.RefusedTitle, Message = text.Refused, Language = language ?? "nl", lookup.Audience, Identity = identity }),
            _ => Failed(),
        };

        IResult Failed()
        {
            limiter.RecordFailure(context);
            return LinkProblem(language);
        }
    }

    /// <summary>"Deze link werkt niet (meer)", with the way to type the code: the same page whatever the reason.</summary>
    private static IResult LinkProblem(string? language)
    {
        var text = SurveyText.For(language);
        return Page<SurveyMessagePage>(new { Heading = text.LinkProblemTitle, Message = text.LinkProblem, Language = language ?? "nl", ShowCodeLink = true }, StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// The posted form, or a Dutch page saying it cannot be read. ReadFormAsync throws on another content type,
    /// a cut-off or malformed multipart body, a NUL, more fields or longer keys than its limits, or a body over
    /// the size cap: all the sender's mistake (4xx), none a server error (it used to answer 500).
    /// </summary>
    private static async Task<(IFormCollection? Form, IResult? Problem)> ReadFormAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType) return (null, NotAForm(StatusCodes.Status415UnsupportedMediaType));
        try
        {
            return (await context.Request.ReadFormAsync(cancellationToken), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or BadHttpRequestException)
        {
            return (null, NotAForm(ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest));
        }
    }

    private static IResult NotAForm(int status) =>
        Page<SurveyMessagePage>(new { Heading = "Dit kunnen we niet verwerken", Message = "Stuur de vragenlijst met het formulier op de pagina." }, status);

    private static IResult TooManyAttempts()
    {
        return Page<SurveyMessagePage>(new
        {
            Heading = "Te veel pogingen",
            Message = "Er zijn te veel onbekende links of codes geprobeerd. Wacht een kwartier en probeer het dan opnieuw.",
        }, StatusCodes.Status429TooManyRequests);
    }

    private static string? OfficerModeName(string? mode) => mode is ResponseModes.Paper or ResponseModes.Telephone ? mode : null;

    /// <summary>
    /// Paper or telephone entry, only for a signed-in onderzoeker or beheerder, and (in Production) only over https: its
    /// form carries an antiforgery token, whose Secure-only cookie cannot travel over plain http.
    /// </summary>
    private static string? OfficerMode(HttpContext context, string? requested) =>
        OfficerModeName(requested) is { } mode && Roles.MayRead(context.User) && !SecureCookies.Unavailable(context) ? mode : null;
}

public static class SurveyRegistration
{
    public static IHostApplicationBuilder AddSurvey(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FailedLookupLimiter>();
        return builder;
    }
}
