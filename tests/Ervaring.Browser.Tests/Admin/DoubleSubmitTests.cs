using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Storage;
using Ervaring.Storage.Council;
using Ervaring.Storage.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Admin;

/// <summary>
/// Issue 17 in a real browser: "Rapport publiceren" and "Actie bewaren" (and since issue 20 the confirmations to start
/// and close the fieldwork) sent twice — a double click, two quick clicks,
/// or the same rendered form posted a second time while the first is under way — and then the page reloaded, and
/// Back and reloaded. Afterwards there is one published version, or one action; every post the app received was
/// answered with a redirect to a page (post/redirect/get), so neither reload nor Back posts again; and no page the
/// browser showed was an error.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DoubleSubmitTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>How the form goes out twice.</summary>
    public enum Twice
    {
        /// <summary>
        /// Playwright's double click on the submit button. Chromium may drop the first submission before it leaves
        /// (the second replaces it at once), so the app sees one or two posts; either way the outcome must be one.
        /// </summary>
        DoubleClick,
        /// <summary>
        /// Two clicks on the button in the page, the second 25 ms after the first, without waiting for anything: the
        /// first post is on its way when the second replaces its navigation, so the app receives both (checked).
        /// Playwright's own second ClickAsync would wait for the first navigation to finish and click the next page.
        /// </summary>
        TwoClicks,
        /// <summary>
        /// A click, and at the same moment the same rendered form's fields (antiforgery token, hidden key) posted
        /// again with the browser's cookies: two posts of one form, both received (checked), and the second
        /// must be answered as the first (the same redirect).
        /// </summary>
        SameFormAgain,
    }

    private const string PublishButton = "Ja, rapport publiceren";
    private const string ActionButton = "Actie bewaren";

    [Theory]
    [InlineData(Twice.DoubleClick)]
    [InlineData(Twice.TwoClicks)]
    [InlineData(Twice.SameFormAgain)]
    public async Task Publishing_twice_gives_one_version_and_reload_or_back_posts_nothing(Twice how)
    {
        var wave = await ClosedWaveWithDraftAsync("Dubbelpubliek");
        var page = await fixture.NewPageAsync();
        var seen = Watch(page);
        await AdminSession.SignInAsync(page);
        // The publish form stands on its confirmation page (issue 20).
        await page.GotoAsync($"/beheer/metingen/{wave.Id}/rapportage/publiceren");
        await Expect(page.Locator(".notice-fout")).ToHaveCountAsync(0);

        var form = page.Locator("form[action$='/rapportage/publiceren']");
        // The form carries what it showed (no version yet), so the same form sent again is known as a repeat.
        await Expect(form.Locator("input[type=hidden][name=gezien]")).ToHaveValueAsync("");
        var second = await SubmitTwiceAsync(page, form, PublishButton, how);
        // Polled, not WaitForURL: the first navigation of two is aborted by the second, which WaitForURL reports as an error.
        await Expect(page).ToHaveURLAsync(new Regex(@"/rapportage\?gedaan=gepubliceerd$"), new() { Timeout = 30_000 });
        await Expect(page.Locator(".notice-gelukt")).ToContainTextAsync($"{wave.Municipality} {wave.Year}, versie 1");
        await Expect(page.Locator(".notice-fout")).ToHaveCountAsync(0);
        if (second is not null) Assert.Equal(new Uri(page.Url).PathAndQuery, second);

        await ReloadAndBackAsync(page, seen);

        // One version, complete, and nothing half-written beside it.
        var archive = fixture.App.Services.GetRequiredService<ReportArchive>();
        var versions = (await archive.ListAsync(wave.Slug)).Where(v => v.Year == wave.Year).ToList();
        Assert.Equal([1], versions.Select(v => v.Version));
        Assert.Equal(1, await archive.HighestVersionAsync(wave.Slug, wave.Year));
        // And so says the public side.
        var report = await page.Context.APIRequest.GetAsync($"/raad/{wave.Slug}/{wave.Year}");
        Assert.Equal(200, report.Status);
        Assert.Equal(404, (await page.Context.APIRequest.GetAsync($"/raad/{wave.Slug}/{wave.Year}/v/2")).Status);

        await AssertPostsRedirectedAsync(wave.Id, "/beheer/metingen/{id}/rapportage/publiceren", how, seen);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(Twice.DoubleClick)]
    [InlineData(Twice.TwoClicks)]
    [InlineData(Twice.SameFormAgain)]
    public async Task Saving_an_action_twice_saves_one_and_reload_or_back_posts_nothing(Twice how)
    {
        var wave = await ClosedWaveWithDraftAsync("Dubbelactie", draft: false);
        var page = await fixture.NewPageAsync();
        var seen = Watch(page);
        await AdminSession.SignInAsync(page);
        await page.GotoAsync($"/beheer/metingen/{wave.Id}/duiding");
        await page.GetByLabel("Wat gaat er gebeuren?").FillAsync("Een vast aanspreekpunt per gezin");
        await page.GetByLabel("Wie doet het?").FillAsync("Het wijkteam");
        await page.GetByLabel("Klaar op").FillAsync($"{wave.Year + 1}-03-01");
        await page.Locator("#actie-measure-toegang").CheckAsync();

        var form = page.Locator("form[action$='/acties']");
        // The form carries an idempotency key made when it was rendered.
        var key = await form.Locator("input[type=hidden][name=sleutel]").InputValueAsync();
        Assert.Matches("^[0-9a-f]{32}$", key);
        var second = await SubmitTwiceAsync(page, form, ActionButton, how);
        await Expect(page).ToHaveURLAsync(new Regex(@"/duiding\?gedaan=actie$"), new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De actie is bewaard");
        await Expect(page.Locator("#acties-lijst tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator(".notice-fout")).ToHaveCountAsync(0);
        if (second is not null) Assert.Equal(new Uri(page.Url).PathAndQuery, second);

        await ReloadAndBackAsync(page, seen);
        await Expect(page.Locator("#acties-lijst tbody tr")).ToHaveCountAsync(1);

        var notes = await fixture.App.Services.GetRequiredService<CouncilNotesStore>().ReadAsync(wave.Id);
        Assert.Single(notes.Actions);
        await AssertPostsRedirectedAsync(wave.Id, "/beheer/metingen/{id}/acties", how, seen);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(Twice.DoubleClick)]
    [InlineData(Twice.TwoClicks)]
    [InlineData(Twice.SameFormAgain)]
    public async Task Closing_twice_from_the_confirmation_page_closes_once(Twice how)
    {
        // Issue 20: closing now goes through a confirmation page; its form sent twice closes (and purges) once.
        var municipality = "Dubbelsluit" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(5).ToArray());
        var id = await fixture.App.Services.GetRequiredService<DemoWaves>().CreateFieldingWaveAsync(municipality, DateTime.UtcNow.Year - 1, 300);
        var page = await fixture.NewPageAsync();
        var seen = Watch(page);
        await AdminSession.SignInAsync(page);
        await page.GotoAsync($"/beheer/metingen/{id}/sluiten");
        var form = page.Locator("form[action$='/sluiten']");
        var second = await SubmitTwiceAsync(page, form, "Ja, veldwerk sluiten", how);
        await Expect(page).ToHaveURLAsync(new Regex(@"\?gedaan=gesloten$"), new() { Timeout = 60_000 });
        await Expect(page.Locator("#status")).ToHaveTextAsync("gesloten");
        await Expect(page.Locator(".notice-fout")).ToHaveCountAsync(0);
        if (second is not null) Assert.Equal(new Uri(page.Url).PathAndQuery, second);

        await ReloadAndBackAsync(page, seen);
        var events = await fixture.App.Services.GetRequiredService<Ervaring.Storage.Waves.WaveStore>().EventsAsync(id);
        Assert.Single(events, e => e.What == "meting gesloten");
        await AssertPostsRedirectedAsync(id, "/beheer/metingen/{id}/sluiten", how, seen);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(Twice.DoubleClick)]
    [InlineData(Twice.TwoClicks)]
    [InlineData(Twice.SameFormAgain)]
    public async Task Saving_a_target_twice_saves_one_and_reload_or_back_posts_nothing(Twice how)
    {
        // Issue 14: a target is keyed on what it is about, so the same form sent twice leaves one target.
        var municipality = SamplingApi.UniquePlace("Dubbeldoel");
        using (var admin = fixture.AppFixture.AdminClient()) await SamplingApi.CreateWaveAsync(admin, SamplingApi.WaveBody(municipality));
        var slug = Slugs.Of(municipality);
        var page = await fixture.NewPageAsync();
        var seen = Watch(page);
        await AdminSession.SignInAsync(page);
        await page.GotoAsync($"/beheer/gemeenten/{slug}");
        await page.GetByLabel("Onderwerp").SelectOptionAsync("kwaliteit");
        await page.GetByLabel("Streefwaarde", new() { Exact = true }).FillAsync("80");
        await page.GetByLabel("Gehaald in het jaar").FillAsync("2028");
        await page.GetByLabel("Beleidsstuk", new() { Exact = true }).FillAsync("Koersnota jeugd");

        var form = page.Locator("form[action$='/streefwaarden']");
        var second = await SubmitTwiceAsync(page, form, "Streefwaarde bewaren", how);
        await Expect(page).ToHaveURLAsync(new Regex(@"\?gedaan=streefwaarde#streefwaarden$"), new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De streefwaarde is bewaard");
        await Expect(page.Locator("#streefwaarden-lijst tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator(".notice-fout")).ToHaveCountAsync(0);
        if (second is not null) Assert.Equal(new Uri(page.Url).PathAndQuery, second);
        await PageChecks.AuditAndSaveAsync(page, $"beheer-streefwaarden-{how}");

        await ReloadAndBackAsync(page, seen);
        Assert.Single(await fixture.App.Services.GetRequiredService<YardstickStore>().ListTargetsAsync(municipality));
        await AssertPostsRedirectedAsync(slug, "/beheer/gemeenten/{gemeente}/streefwaarden", how, seen);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(Twice.DoubleClick)]
    [InlineData(Twice.TwoClicks)]
    [InlineData(Twice.SameFormAgain)]
    public async Task Starting_the_fieldwork_twice_from_the_confirmation_page_starts_once(Twice how)
    {
        // Issue 20: the start goes through a confirmation page; planned for next week, so it asks why (one reason, one start).
        var municipality = "Dubbelstart" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(5).ToArray());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (id, _) = await fixture.App.Services.GetRequiredService<DemoWaves>().CreateSampledWaveAsync(municipality, today.Year, 300, today.AddDays(7), today.AddDays(40));
        var page = await fixture.NewPageAsync();
        var seen = Watch(page);
        await AdminSession.SignInAsync(page);
        await page.GotoAsync($"/beheer/metingen/{id}/veldwerk");
        await page.GetByLabel("Waarom start het veldwerk eerder dan gepland?").FillAsync("De brieven gingen een week eerder de deur uit.");
        var form = page.Locator("form[action$='/veldwerk']");
        var second = await SubmitTwiceAsync(page, form, "Ja, veldwerk starten", how);
        await Expect(page).ToHaveURLAsync(new Regex(@"\?gedaan=veldwerk$"), new() { Timeout = 60_000 });
        await Expect(page.Locator("#status")).ToHaveTextAsync("in veld");
        await Expect(page.Locator(".notice-fout")).ToHaveCountAsync(0);
        if (second is not null) Assert.Equal(new Uri(page.Url).PathAndQuery, second);

        await ReloadAndBackAsync(page, seen);
        var waves = fixture.App.Services.GetRequiredService<Ervaring.Storage.Waves.WaveStore>();
        Assert.Single(await waves.EventsAsync(id), e => e.What.StartsWith("veldwerk gestart", StringComparison.Ordinal));
        var wave = (await waves.GetAsync(id))!.Wave;
        Assert.Equal(("De brieven gingen een week eerder de deur uit.", today), (wave.EarlyStartReason, wave.FieldingStartedOn));
        await AssertPostsRedirectedAsync(id, "/beheer/metingen/{id}/veldwerk", how, seen);
        await page.Context.CloseAsync();
    }

    // ---- the two submits ------------------------------------------------------------------------------------

    /// <summary>
    /// Sends the form twice. For <see cref="Twice.SameFormAgain"/> returns where the app sent the second post
    /// (path and query of its Location), which must be where the first took the browser.
    /// </summary>
    private static async Task<string?> SubmitTwiceAsync(IPage page, ILocator form, string buttonName, Twice how)
    {
        var submit = form.GetByRole(AriaRole.Button, new() { Name = buttonName });
        switch (how)
        {
            case Twice.DoubleClick:
                await submit.DblClickAsync();
                return null;
            case Twice.TwoClicks:
                var button = await submit.ElementHandleAsync();
                await button.EvaluateAsync("b => { b.click(); setTimeout(() => b.click(), 25); }");
                return null;
            case Twice.SameFormAgain:
                // What the browser is about to send: every field of the rendered form, hidden ones included.
                var fields = await form.EvaluateAsync<Dictionary<string, string[]>>(
                    "f => { const o = {}; for (const [k, v] of new FormData(f)) (o[k] ??= []).push(String(v)); return o; }");
                var action = await form.GetAttributeAsync("action");
                var data = page.Context.APIRequest.CreateFormData();
                foreach (var (name, values) in fields)
                    foreach (var value in values) data.Append(name, value);
                // Both at the same moment: the copy is sent, and the button clicked in the page (a script click, so
                // Playwright's actionability checks do not hold the browser's post back until the copy is done).
                var element = await submit.ElementHandleAsync();
                var copy = page.Context.APIRequest.PostAsync(action!, new() { Form = data, MaxRedirects = 0 });
                await element.EvaluateAsync("b => b.click()");
                var again = await copy;
                Assert.True(again.Status is 302 or 303, $"the same form posted again answered {again.Status}, not a redirect: {await again.TextAsync()}");
                return new Uri(new Uri("http://x"), again.Headers["location"]).PathAndQuery;
            default:
                throw new ArgumentOutOfRangeException(nameof(how));
        }
    }

    /// <summary>Reload the page the post led to, go Back and reload that: each a GET that shows a page, never an error.</summary>
    private static async Task ReloadAndBackAsync(IPage page, Navigations seen)
    {
        var postsBefore = seen.Posts;
        var reloaded = await page.ReloadAsync();
        Assert.Equal(200, reloaded!.Status);
        Assert.Equal("GET", reloaded.Request.Method);
        await Expect(page.Locator(".notice-fout")).ToHaveCountAsync(0);
        var back = await page.GoBackAsync();
        Assert.NotNull(back);
        var again = await page.ReloadAsync();
        Assert.Equal(200, again!.Status);
        Assert.Equal("GET", again.Request.Method);
        await Expect(page.Locator(".notice-fout")).ToHaveCountAsync(0);
        Assert.Equal(postsBefore, seen.Posts);
        Assert.True(seen.Errors.Count == 0, "pages with an error status: " + string.Join(", ", seen.Errors));
    }

    /// <summary>
    /// The posts, from both ends. The browser: every answer it received to a post was a redirect (the post it gave up
    /// for the second click got none). The app, from its audit log (route, wave and status of every officer's post):
    /// it received enough posts for the case (a double click that Chromium turned into one proves less), and answered
    /// none of them with a page of its own (2xx) or a server error. A post the browser gave up may have been cut off
    /// while its form was still being read: refused as an unreadable form (400) or recorded as given up (499); it
    /// changed nothing.
    /// </summary>
    private async Task AssertPostsRedirectedAsync(string waveId, string route, Twice how, Navigations seen)
    {
        var table = fixture.App.Services.GetRequiredService<StorageAccount>().Table(StorageNames.Tables.AuditLog);
        var least = how == Twice.DoubleClick ? 1 : 2;
        List<int> statuses = [];
        // Audit lines are written after the answer: give the last one a moment.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await Task.Delay(150);
            statuses = [];
            await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == DateTime.UtcNow.ToString("yyyy-MM")))
                if ((e.GetString("WaveId") ?? e.GetString("Municipality")) == waveId && e.GetString("Method") == "POST" && e.GetString("Route") == route)
                    statuses.Add(e.GetInt32("Status") ?? 0);
            if (statuses.Count >= 2) break;
        }
        output.WriteLine($"{how}: the app answered the posts {string.Join(", ", statuses)}; the browser saw:");
        lock (seen.Log) output.WriteLine(string.Join("\n", seen.Log));

        var answered = seen.PostAnswers(route);
        Assert.NotEmpty(answered);
        Assert.All(answered, status => Assert.True(status is 302 or 303, $"the browser got {status} to a post, not a redirect ({string.Join(", ", answered)})"));
        // Two clicks 25 ms apart: on a loaded machine Chromium may give up the first post before any byte of it left
        // (net::ERR_ABORTED straight away), and then the app can only have received one. That run proves what a
        // single post proves; it is said in the output, not passed off as the two-post case.
        var abortedUnsent = how == Twice.TwoClicks && statuses.Count == 1 && SeenAbortedPost(seen, route);
        if (abortedUnsent) output.WriteLine("TwoClicks: the browser gave up the first post before sending it; only one post reached the app.");
        else Assert.True(statuses.Count >= least, $"the app received {statuses.Count} post(s) for {how}; the case needs {least}");
        Assert.All(statuses, status => Assert.True(status is >= 300 and < 500, $"the app answered a post with {status} ({string.Join(", ", statuses)})"));
    }

    /// <summary>Whether the browser logged a post to this route (a pattern with {id} or {gemeente}) as given up (net::ERR_ABORTED).</summary>
    private static bool SeenAbortedPost(Navigations seen, string route)
    {
        var tail = route[(route.IndexOf('}', StringComparison.Ordinal) + 1)..];
        lock (seen.Log) return seen.Log.Any(line => line.Contains("failed: POST ", StringComparison.Ordinal)
                                                    && line.Contains(tail + " ", StringComparison.Ordinal) && line.Contains("ERR_ABORTED", StringComparison.Ordinal));
    }

    // ---- set-up and watching ----------------------------------------------------------------------------------

    private sealed record Wave(string Id, string Municipality, string Slug, int Year);

    /// <summary>A closed wave with answers (and its report draft, so the page offers to publish), made through the services and the API.</summary>
    private async Task<Wave> ClosedWaveWithDraftAsync(string stem, bool draft = true)
    {
        var municipality = stem + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(5).ToArray());
        var year = DateTime.UtcNow.Year - 1;
        var demo = fixture.App.Services.GetRequiredService<DemoWaves>();
        var id = await demo.CreateFieldingWaveAsync(municipality, year, 400);
        await demo.AnswerAsync(id, 0, 1.0);
        await demo.CloseAsync(id);
        if (draft)
        {
            using var admin = fixture.AppFixture.AdminClient();
            var built = await admin.PostAsync($"/api/waves/{id}/report", null);
            Assert.True(built.IsSuccessStatusCode, await built.Content.ReadAsStringAsync());
        }
        return new Wave(id, municipality, Slugs.Of(municipality), year);
    }

    /// <summary>
    /// The page's navigations: how many posts the browser started, the answers it got to posts (by path), every page
    /// that came back with an error status, and a log of it all with times for the test's output.
    /// </summary>
    private sealed class Navigations
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private readonly List<(string Path, int Status)> _postAnswers = [];
        private int _posts;
        public int Posts => Volatile.Read(ref _posts);
        public List<string> Errors { get; } = [];
        public List<string> Log { get; } = [];
        public void Post() => Interlocked.Increment(ref _posts);
        public void Note(string what) { lock (Log) Log.Add($"{_clock.ElapsedMilliseconds,6} ms {what}"); }
        public void PostAnswered(string path, int status) { lock (_postAnswers) _postAnswers.Add((path, status)); }

        /// <summary>The statuses of the answers to posts on a route pattern ("{id}" stands for the wave, "{gemeente}" for the municipality).</summary>
        public List<int> PostAnswers(string route)
        {
            var pattern = new Regex("^" + Regex.Escape(route).Replace(@"\{id}", "[^/]+").Replace(@"\{gemeente}", "[^/]+") + "$");
            lock (_postAnswers) return _postAnswers.Where(a => pattern.IsMatch(a.Path)).Select(a => a.Status).ToList();
        }
    }

    private static Navigations Watch(IPage page)
    {
        var seen = new Navigations();
        page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest && request.Method == "POST") seen.Post();
            if (request.IsNavigationRequest) seen.Note($"{request.Method} {new Uri(request.Url).PathAndQuery}");
        };
        page.RequestFailed += (_, request) =>
        {
            if (request.IsNavigationRequest) seen.Note($"failed: {request.Method} {new Uri(request.Url).PathAndQuery} {request.Failure}");
        };
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest) seen.Note($"{response.Status} for {response.Request.Method} {new Uri(response.Url).PathAndQuery}");
            if (response.Request.IsNavigationRequest && response.Request.Method == "POST") seen.PostAnswered(new Uri(response.Url).AbsolutePath, response.Status);
            if (response.Request.IsNavigationRequest && response.Frame == page.MainFrame && response.Status >= 400)
                lock (seen.Errors) seen.Errors.Add($"{response.Request.Method} {response.Url} {response.Status}");
        };
        return seen;
    }
}
