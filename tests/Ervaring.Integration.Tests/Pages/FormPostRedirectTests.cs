using System.Net;
using System.Text.RegularExpressions;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Reports.Council;
using Ervaring.Integration.Tests.Concurrency;
using Ervaring.Storage.Council;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Pages;

/// <summary>
/// Post/redirect/get for every admin form (issue 17): a form post that succeeds answers with a redirect (302 or 303)
/// to a page on this site, and that page answers a GET with 200 — so neither reload nor Back can send the post
/// again. A post that cannot be carried out answers with a 4xx page (nothing was stored), never with a 200.
/// The cases are one per <c>[FormPost]</c> function, named by function; the theories take their list from the
/// function catalog, so a new form post without a case here fails ("no case") instead of going unchecked.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FormPostRedirectTests(AppFixture fixture) : IDisposable
{
    /// <summary>Every function with <c>[FormPost]</c>, from the attributes the app runs with.</summary>
    private static IEnumerable<string> FormPostFunctions => HttpFunctionCatalog.Instance.Http.Values.Where(f => f.FormPost).Select(f => f.Name).Order(StringComparer.Ordinal);

    public static TheoryData<string> FormPosts => new(FormPostFunctions);

    /// <summary>The form's fields (and file) for a post that succeeds, on a wave prepared for it; by function name.</summary>
    private static readonly Dictionary<string, Func<FormPostRedirectTests, Task<Post>>> HappyPaths = new(StringComparer.Ordinal)
    {
        ["PagesSignInPost"] = _ => Task.FromResult(new Post("/beheer/inloggen", [("sleutel", AppFixture.AdminKey)], SignedIn: false)),
        ["PagesSignOut"] = _ => Task.FromResult(new Post("/beheer/uitloggen", [])),
        ["PagesNewWavePost"] = _ => Task.FromResult(new Post("/beheer/metingen/nieuw",
            // What the rendered form sends: the typed fields and the ones it fills in beforehand.
            [("municipalities", Officer.Place("Prgnieuw")), ("year", "2026"), ("fieldStart", "2026-03-01"), ("fieldEnd", "2026-04-15"), ("margin", "0,05"),
             ("expectedResponseRate", "0,30"), ("strata", "gemeente"), ("strata", "zorgvorm"), ("strata", "leeftijdsgroep"), ("suppressionThreshold", "10"),
             ("reminderDays", "7, 14"), ("weighting", "poststratificatie"), ("calibrateTo", "verwijzer"), ("calibrateTo", "duur"), ("durationBandYears", "1, 2")])),
        ["PagesWaveFrame"] = async t =>
        {
            var place = Officer.Place("Prgkader");
            var id = await t.Officer.CreateAsync(place);
            return new Post($"/beheer/metingen/{id}/kader", [], File: Officer.Frame(place, 60, 2026));
        },
        ["PagesWaveDraw"] = async t => new Post($"/beheer/metingen/{await t.Officer.FramedAsync(Officer.Place("Prgtrek"), 60)}/trekken", []),
        ["PagesWaveVerify"] = async t => new Post($"/beheer/metingen/{await t.Officer.SampledAsync(Officer.Place("Prgcontrole"), 60)}/controleren", []),
        ["PagesWaveFielding"] = async t => new Post($"/beheer/metingen/{await t.Officer.SampledAsync(Officer.Place("Prgveld"), 60)}/veldwerk", []),
        ["PagesWaveClose"] = async t => new Post($"/beheer/metingen/{await t.Demo.CreateFieldingWaveAsync(Officer.Place("Prgsluit"), Year, 60)}/sluiten", []),
        ["PagesReportingDraft"] = async t => new Post($"/beheer/metingen/{await t.ClosedAsync()}/rapportage/concept", []),
        ["PagesReportingPublish"] = async t =>
        {
            var id = await t.ClosedAsync(fresh: true);
            return new Post($"/beheer/metingen/{id}/rapportage/publiceren", [("correction", ""), ("gezien", "")]);
        },
        ["PagesNotesPost"] = async t =>
        {
            var id = await t.ClosedAsync();
            return new Post($"/beheer/metingen/{id}/duiding", [("scope", await t.MunicipalityAsync(id)), ("audience", "ouders"), ("measure", "toegang"),
                ("dimension", Ervaring.Core.Reports.Dimensions.Total), ("duiding-text", "Ouders vinden de weg naar hulp.")]);
        },
        ["PagesActionsPost"] = async t => new Post($"/beheer/metingen/{await t.ClosedAsync()}/acties",
            [("actie-what", "Een vast aanspreekpunt " + Guid.NewGuid().ToString("N")[..6]), ("actie-who", "Het wijkteam"), ("actie-due", $"{Year + 1}-03-01"),
             ("measures", "toegang"), ("sleutel", Guid.NewGuid().ToString("N"))]),
        ["PagesActionDelete"] = async t =>
        {
            var id = await t.ClosedAsync();
            var action = await t.ActionAsync(id);
            return new Post($"/beheer/metingen/{id}/acties/{action}/verwijderen", []);
        },
        ["PagesActionEditPost"] = async t =>
        {
            var id = await t.ClosedAsync();
            var action = await t.ActionAsync(id);
            return new Post($"/beheer/metingen/{id}/acties/{action}",
                [("actie-what", "Eén aanmeldpunt, ook 's avonds"), ("actie-who", "Het college"), ("actie-due", $"{Year + 1}-04-01"), ("measures", "toegang")]);
        },
        ["PagesActionStatus"] = async t =>
        {
            var (id, action) = await t.PublishedWithActionAsync();
            return new Post($"/beheer/metingen/{id}/acties/{action}/stand", [("status", "loopt"), ($"opvolging-{action}-note", "Met vier aanbieders zijn afspraken gemaakt.")]);
        },
        ["PagesQuotePost"] = async t =>
        {
            var id = await t.ClosedAsync();
            var (responseKey, itemId) = await t.QuotableAnswerAsync(id, 0);
            return new Post($"/beheer/metingen/{id}/citaten", [("responseKey", responseKey), ("itemId", itemId), ("theme", "toegang"), ("approved", "true")]);
        },
        ["PagesQuoteWithdraw"] = async t =>
        {
            var id = await t.ClosedAsync();
            var quote = await t.QuoteAsync(id);
            return new Post($"/beheer/metingen/{id}/citaten/{quote}/intrekken", []);
        },
        // Issue 14: a municipality's targets and gap reasons (the draft wave makes the municipality known to Ervaring).
        ["PagesYardstickTargetPost"] = async t =>
        {
            var place = Officer.Place("Prgdoel");
            await t.Officer.CreateAsync(place);
            return new Post($"/beheer/gemeenten/{Slugs.Of(place)}/streefwaarden", [("doel-audience", "ouders"), ("doel-measure", "toegang"), ("doel-dimension", "totaal"),
                ("doel-value", "75"), ("doel-targetYear", "2027"), ("doel-policyTitle", "Beleidsplan jeugd"), ("doel-policyLink", ""), ("doel-replaces", "")]);
        },
        ["PagesYardstickTargetDelete"] = async t =>
        {
            var place = Officer.Place("Prgdoelweg");
            await t.Officer.CreateAsync(place);
            return new Post($"/beheer/gemeenten/{Slugs.Of(place)}/streefwaarden/verwijderen", [("sleutel", "ouders|toegang|totaal|totaal|2027")]);
        },
        ["PagesYardstickGapReasonPost"] = async t =>
        {
            var place = Officer.Place("Prgreden");
            await t.Officer.CreateAsync(place);
            return new Post($"/beheer/gemeenten/{Slugs.Of(place)}/jaren", [("jaar", "2024"), ("reden", "Overstap naar een nieuw bureau.")]);
        },
        ["PagesYardstickReferencesPost"] = async t =>
        {
            var place = Officer.Place("Prgref");
            await t.Officer.CreateAsync(place);
            return new Post($"/beheer/gemeenten/{Slugs.Of(place)}/referenties", [], File: System.Text.Encoding.UTF8.GetBytes(
                "meting;doelgroep;bron;jaar;populatie;waarde;ondergrens;bovengrens;vergelijkbaar;verschil\r\ntoegang;ouders;Testbron;2024;ouders;70;;;goed;\r\n"));
        },
        ["PagesYardstickReferenceDelete"] = async t =>
        {
            var place = Officer.Place("Prgrefweg");
            await t.Officer.CreateAsync(place);
            return new Post($"/beheer/gemeenten/{Slugs.Of(place)}/referenties/verwijderen", [("sleutel", "toegang|ouders|Testbron|2024")]);
        },
    };

    [Fact]
    public void Every_case_names_a_form_post_function()
    {
        var functions = FormPostFunctions.ToHashSet();
        Assert.All(HappyPaths.Keys, name => Assert.True(functions.Contains(name), $"{name} is no [FormPost] function (any more)"));
    }

    [Theory]
    [MemberData(nameof(FormPosts))]
    public async Task A_successful_form_post_answers_with_a_redirect_to_a_page(string function)
    {
        Assert.True(HappyPaths.TryGetValue(function, out var prepare),
            $"No happy-path case for the form post {function}: add one to {nameof(HappyPaths)}, so it is held to post/redirect/get.");
        var post = await prepare!(this);
        using var client = fixture.App.CreateClient(followRedirects: false);
        if (post.SignedIn) Assert.Equal(HttpStatusCode.Redirect, (await AdminPageSignIn.SignInAsync(client, AppFixture.AdminKey)).StatusCode);
        var token = AdminPageSignIn.FormToken(await client.GetStringAsync(post.SignedIn ? "/beheer" : "/beheer/inloggen"));

        var response = await client.PostAsync(post.Path, post.Content(token));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther,
            $"{function}: POST {post.Path} answered {(int)response.StatusCode}, not a redirect to a page:\n{Excerpt(body)}");
        var location = response.Headers.Location!;
        Assert.False(location.IsAbsoluteUri, $"{function}: redirect to {location}, off this site's paths");
        Assert.StartsWith("/", location.OriginalString);
        Assert.False(location.OriginalString.StartsWith("//", StringComparison.Ordinal), $"{function}: redirect to {location}");

        // The page the browser lands on (and reloads, and comes Back to) is a GET that answers with a page.
        var landing = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal("text/html", landing.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(FormPosts))]
    public async Task A_form_post_that_cannot_be_carried_out_answers_4xx_never_a_page_of_200(string function)
    {
        var route = HttpFunctionCatalog.Instance.Http[function].Route;
        using var client = fixture.App.CreateClient(followRedirects: false);
        Post post;
        if (function == "PagesSignOut")
            return; // signing out cannot fail: it removes the caller's cookie, if any
        if (function == "PagesSignInPost")
            post = new Post("/" + route, [("sleutel", "niet-de-goede-sleutel-0123456789")], SignedIn: false);
        else if (function == "PagesNewWavePost")
            post = new Post("/" + route, [("municipalities", ""), ("year", "twintig26")]);
        else
        {
            // Every other form acts on one wave or one municipality: here on one that does not exist.
            Assert.True(route.Contains("{id}", StringComparison.Ordinal) || route.Contains("{gemeente}", StringComparison.Ordinal), route);
            post = new Post("/" + Regex.Replace(route, @"\{(\w+)\}", m => m.Groups[1].Value == "id" ? "2026-bestaat-niet-000000" : "onbekend"),
                [("sleutel", "x"), ("status", "loopt")], File: function is "PagesWaveFrame" or "PagesYardstickReferencesPost" ? "a;b\r\n"u8.ToArray() : null);
        }
        if (post.SignedIn) await AdminPageSignIn.SignInAsync(client, AppFixture.AdminKey);
        var token = AdminPageSignIn.FormToken(await client.GetStringAsync(post.SignedIn ? "/beheer" : "/beheer/inloggen"));

        var response = await client.PostAsync(post.Path, post.Content(token));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{function}: POST {post.Path} answered {(int)response.StatusCode}:\n{Excerpt(body)}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    // ---- the posts ----------------------------------------------------------------------------------------------

    /// <param name="File">The CSV for the frame form's "bestand" (the form is then multipart, as the page sends it).</param>
    private sealed record Post(string Path, IReadOnlyList<(string Name, string Value)> Fields, bool SignedIn = true, byte[]? File = null)
    {
        public HttpContent Content(string token)
        {
            var fields = Fields.Append((Name: "__RequestVerificationToken", Value: token)).ToList();
            if (File is null) return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields) multipart.Add(new StringContent(value), name);
            var file = new ByteArrayContent(File);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            multipart.Add(file, "bestand", "kader.csv");
            return multipart;
        }
    }

    private static string Excerpt(string body) => body.Length > 1500 ? body[..1500] + "…" : body;

    // ---- waves for the cases (through the API and the demo's services, as other tests make them) ------------------

    private static readonly int Year = DateTime.UtcNow.Year - 1;
    private Officer Officer => _officer ??= new Officer(fixture);
    private Officer? _officer;
    private static Task<string>? _closed;

    private DemoWaves Demo => fixture.App.Services.GetRequiredService<DemoWaves>();

    /// <summary>
    /// A closed wave with answers (open answers long enough to quote) and its report draft. The cases that only add
    /// words to a report share one (built once per test run); the publication gets a fresh one.
    /// </summary>
    private Task<string> ClosedAsync(bool fresh = false) => fresh ? BuildClosedAsync() : _closed ??= BuildClosedAsync();

    private async Task<string> BuildClosedAsync()
    {
        var id = await Demo.CreateFieldingWaveAsync(Officer.Place("Prgrapport"), Year, 300);
        await Demo.AnswerAsync(id, 0, 1.0, openAnswer: n => $"Het duurde lang voordat de hulp begon, schrijft ouder {n % 7}.");
        await Demo.CloseAsync(id);
        var draft = await Officer.Client.PostAsync($"/api/waves/{id}/report", null);
        Assert.True(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>An action on the wave, saved through the service with an id of its own; returns that id.</summary>
    private async Task<string> ActionAsync(string waveId)
    {
        var id = CouncilNotesService.NewId();
        var saved = await fixture.App.Services.GetRequiredService<CouncilNotesService>().SaveActionAsync(waveId,
            new ActionInput(id, null, ["toegang"], "Eén aanmeldpunt " + id, "Het college", $"{Year + 1}-03-01"), CancellationToken.None);
        Assert.True(saved.Succeeded && saved.Value!.Count == 0, saved.Problem?.Detail);
        return id;
    }

    /// <summary>A published wave whose report promised an action (so the action can get a status).</summary>
    private async Task<(string WaveId, string ActionId)> PublishedWithActionAsync()
    {
        var id = await ClosedAsync(fresh: true);
        var action = await ActionAsync(id);
        var published = await fixture.App.Services.GetRequiredService<ReportPublication>().PublishAsync(id, null, "test", CancellationToken.None);
        Assert.True(published.Succeeded, published.Problem?.Detail);
        return (id, action);
    }

    /// <summary>The response key and question of the n-th answer the open-answers page offers to quote.</summary>
    private async Task<(string ResponseKey, string ItemId)> QuotableAnswerAsync(string waveId, int n)
    {
        using var client = fixture.App.CreateClient(followRedirects: false);
        await AdminPageSignIn.SignInAsync(client, AppFixture.AdminKey);
        var html = await client.GetStringAsync($"/beheer/metingen/{waveId}/open-antwoorden");
        var links = Regex.Matches(html, @"/citaten/nieuw\?antwoord=([^&""]+)&amp;vraag=([^""&]+)""");
        Assert.True(links.Count > n, $"the open-answers page offers {links.Count} answer(s) to quote");
        var link = links[n];
        return (Uri.UnescapeDataString(WebUtility.HtmlDecode(link.Groups[1].Value)), Uri.UnescapeDataString(WebUtility.HtmlDecode(link.Groups[2].Value)));
    }

    /// <summary>A quote chosen on the wave (another answer than the quote case's); returns its id.</summary>
    private async Task<string> QuoteAsync(string waveId)
    {
        var store = fixture.App.Services.GetRequiredService<QuoteStore>();
        var before = (await store.ListAsync(waveId)).Select(q => q.Id).ToHashSet();
        var (responseKey, itemId) = await QuotableAnswerAsync(waveId, 1);
        var chosen = await fixture.App.Services.GetRequiredService<QuoteSelection>().ChooseAsync(waveId,
            new QuoteInput(responseKey, itemId, "kwaliteit", null, Approved: true), CancellationToken.None);
        Assert.True(chosen.Succeeded && chosen.Value!.Count == 0, chosen.Problem?.Detail);
        return (await store.ListAsync(waveId)).Single(q => !before.Contains(q.Id)).Id;
    }

    private async Task<string> MunicipalityAsync(string waveId) =>
        (await fixture.App.Services.GetRequiredService<Ervaring.Storage.Waves.WaveStore>().GetAsync(waveId))!.Wave.Settings.Municipalities[0];

    public void Dispose() => _officer?.Dispose();
}
