using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Ervaring.Functions.Survey;

namespace Ervaring.Integration.Tests.Survey;

/// <summary>An app with a configured region (<see cref="RegionScenario.Settings"/>) and one region wave in the field.</summary>
public sealed class RegionAppFixture : IAsyncLifetime
{
    public AppFixture App { get; } = new();
    public RegionScenario Scenario { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.InitializeWith(await AzuriteProcess.StartAsync(), RegionScenario.Settings);
        Scenario = await RegionScenario.StartAsync(App);
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// Issue 15, points 4 and 5: every page a family sees says which municipality is asking, with its logo, help line and
/// privacy statement; a region wave shows each family its own municipality; the statement and the logo need no token.
/// </summary>
public sealed partial class MunicipalityIdentityTests(RegionAppFixture fixture) : IClassFixture<RegionAppFixture>
{
    private HttpClient Anonymous() => fixture.App.App.CreateClient();

    private static FormUrlEncodedContent Form(params (string, string)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    [Theory]
    [InlineData("ouders")]
    [InlineData("jongeren")]
    public async Task Every_survey_page_of_a_configured_municipality_shows_its_name_logo_help_line_and_privacy_statement(string audience)
    {
        var invitation = fixture.Scenario.Take(RegionScenario.Eikenburg, audience);
        using var client = Anonymous();
        var link = SurveyLinks.For(invitation.Token);
        var privacy = "/privacy/eikenburg" + (audience == "jongeren" ? "?voor=jongeren" : "");

        var pages = new List<(string Name, HttpResponseMessage Response)> { ("welkom", await client.GetAsync(link)) };
        var welcome = await pages[0].Response.Content.ReadAsStringAsync();
        var count = int.Parse(StepCount().Match(await client.GetStringAsync(SurveyLinks.For(invitation.Token, ("pagina", "1")))).Groups[1].Value);
        for (var p = 1; p <= count; p++) pages.Add(($"stap {p}", await client.GetAsync(SurveyLinks.For(invitation.Token, ("pagina", $"{p}")))));
        pages.Add(("weigeren?", await client.PostAsync(link, Form(("actie", "weigeren"), ("pagina", "0")))));
        var answers = await FieldingScenario.AnswersAsync(fixture.App, invitation.Token);
        pages.Add(("bedankt", await client.PostAsync(link, new FormUrlEncodedContent(
            answers.SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>(a.Key, v))).Append(new("actie", "verzenden"))))));
        pages.Add(("al ingevuld", await client.GetAsync(link)));

        Assert.Contains("<h1>Bedankt!</h1>", await pages[^2].Response.Content.ReadAsStringAsync());
        Assert.Contains("<h1>Al ingevuld</h1>", await pages[^1].Response.Content.ReadAsStringAsync());
        foreach (var (name, response) in pages)
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{name}: {(int)response.StatusCode}");
            Assert.Contains("<span class=\"brand-name\">Gemeente Eikenburg</span>", html);
            Assert.Contains("<img class=\"brand-logo\" src=\"/gemeente/eikenburg/logo\"", html);
            Assert.Contains("<a href=\"tel:140555\">14 0555</a> (werkdagen 9.00 tot 17.00 uur)", html);
            Assert.Contains("<a href=\"mailto:jeugdonderzoek@eikenburg.example\">jeugdonderzoek@eikenburg.example</a>", html);
            Assert.Contains($"<a href=\"{WebUtility.HtmlEncode(privacy)}\">", html);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{name} sets a cookie; the privacy statement says the survey sets none");
        }
        Assert.Contains(audience == "jongeren" ? "Jouw ervaring met jeugdhulp" : "Uw ervaring met jeugdhulp", welcome);
        Assert.DoesNotContain(RegionScenario.Linderveen, welcome);
    }

    [Fact]
    public async Task In_a_region_wave_each_family_sees_its_own_municipality_and_an_unconfigured_one_falls_back_to_its_name()
    {
        using var client = Anonymous();
        var linderveen = await client.GetStringAsync(SurveyLinks.For(fixture.Scenario.Take(RegionScenario.Linderveen, "ouders").Token));
        Assert.Contains("<span class=\"brand-name\">Gemeente Linderveen aan de Maas</span>", linderveen);
        Assert.Contains("<a href=\"tel:08001234\">0800 1234</a>", linderveen);
        Assert.Contains("href=\"/privacy/linderveen\"", linderveen);
        Assert.DoesNotContain("brand-logo", linderveen);
        Assert.DoesNotContain(RegionScenario.Eikenburg, linderveen);

        var berkhout = await client.GetStringAsync(SurveyLinks.For(fixture.Scenario.Take(RegionScenario.Berkhout, "ouders").Token));
        Assert.Contains("<span class=\"brand-name\">Gemeente Berkhout</span>", berkhout);
        Assert.DoesNotContain("brand-logo", berkhout);
        Assert.DoesNotContain("help-line", berkhout);
        Assert.Contains("href=\"/privacy\"", berkhout);
        Assert.DoesNotContain(RegionScenario.Eikenburg, berkhout);
        Assert.DoesNotContain(RegionScenario.Linderveen, berkhout);
    }

    [Fact]
    public async Task Before_the_link_is_known_a_page_names_only_the_region_and_links_the_general_statement()
    {
        using var client = Anonymous();
        var code = await client.GetStringAsync("/s");
        var unknown = await client.GetAsync(SurveyLinks.For(new string('A', 43)));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        foreach (var html in new[] { code, await unknown.Content.ReadAsStringAsync() })
        {
            Assert.Contains($"<span class=\"brand-name\">{RegionScenario.RegionName}</span>", html);
            Assert.Contains("href=\"/privacy\"", html);
            Assert.DoesNotContain(RegionScenario.Eikenburg, html);
            // Nobody knows yet whether a parent or a young person reads this: neither "u" nor "je".
            Assert.DoesNotMatch(@"\b([Uu]w?|[Jj]e|[Jj]ouw)\b", Visible(html));
        }
    }

    [Fact]
    public async Task The_logo_is_served_as_the_image_it_is_with_caching_and_nosniff()
    {
        using var client = Anonymous();
        var response = await client.GetAsync("/gemeente/eikenburg/logo");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(RepositoryRoot.Combine("gemeente-logos", "voorbeeldstad.png")), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.NotNull(response.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/gemeente/eikenburg/logo");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/gemeente/linderveen/logo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/gemeente/berkhout/logo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/gemeente/..%2F..%2Fetc%2Fpasswd/logo")).StatusCode);
    }

    [Fact]
    public async Task The_privacy_statement_needs_no_token_and_says_who_why_what_how_long_who_processes_and_the_rights()
    {
        using var client = Anonymous();
        var response = await client.GetAsync("/privacy/eikenburg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        foreach (var expected in new[]
        {
            "<h1>Privacyverklaring Gemeente Eikenburg</h1>", "Gemeente Eikenburg is verantwoordelijk", "Jeugdwet", "artikel 6, lid 1, onder e",
            "Geen naam, adres, burgerservicenummer", "90 dagen", "13 maanden", "als het onderzoek sluit", "Onderzoeksbureau Testland voert het onderzoek uit",
            "mailto:privacy@eikenburg.example", "fg@eikenburg.example", "Autoriteit Persoonsgegevens", "14 0555",
        })
            Assert.Contains(expected, html);
        Assert.DoesNotMatch(@"\b([Jj]e|[Jj]ouw)\b", Visible(html).Replace("Deze tekst voor jongeren", ""));

        var youth = await client.GetStringAsync("/privacy/eikenburg?voor=jongeren");
        Assert.Contains("Wat zijn je rechten?", youth);
        Assert.DoesNotMatch(@"\b([Uu]w?)\b", Visible(youth));

        var linderveen = await client.GetStringAsync("/privacy/linderveen");
        Assert.Contains("href=\"https://www.linderveen.example/privacy\"", linderveen);
        Assert.Contains("Vraag de gemeente hoe u deze persoon bereikt", linderveen);

        var index = await client.GetStringAsync("/privacy");
        Assert.Contains("href=\"/privacy/eikenburg\"", index);
        Assert.Contains("href=\"/privacy/linderveen\"", index);
        Assert.Contains("De gemeente die u de brief stuurde is verantwoordelijk", index);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/privacy/berkhout")).StatusCode);
    }

    [Fact]
    public void The_invitation_export_gives_each_letter_its_municipalitys_privacy_statement()
    {
        var invitations = fixture.Scenario.Invitations;
        Assert.All(invitations.Where(i => i.Municipality == RegionScenario.Eikenburg), i =>
            Assert.Equal("https://ervaring.example.nl/privacy/eikenburg" + (i.Audience == "jongeren" ? "?voor=jongeren" : ""), i.Privacy));
        Assert.All(invitations.Where(i => i.Municipality == RegionScenario.Berkhout && i.Audience == "ouders"), i =>
            Assert.Equal("https://ervaring.example.nl/privacy", i.Privacy));
    }

    /// <summary>The text a reader sees: tags, the style and script elements and entities out.</summary>
    private static string Visible(string html) =>
        WebUtility.HtmlDecode(Tags().Replace(Head().Replace(html, " "), " "));

    [GeneratedRegex(@"Stap \d+ van (\d+)")]
    private static partial Regex StepCount();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("<head>.*?</head>", RegexOptions.Singleline)]
    private static partial Regex Head();
}
