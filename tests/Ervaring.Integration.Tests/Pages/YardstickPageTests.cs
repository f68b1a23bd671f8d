using System.Net;
using Azure.Data.Tables;
using Ervaring.Functions.Reports;
using Ervaring.Integration.Tests.Concurrency;
using Ervaring.Storage;
using Ervaring.Storage.Council;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Pages;

/// <summary>
/// Issue 14 on the admin pages: the beheerder sets, changes and removes a target and gives the reason for a year
/// without a survey, all by form (post/redirect/get); a wrong field comes back in Dutch at that field with a 422 and
/// nothing stored; a year with a survey takes no reason; every post is in the audit log with the municipality.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class YardstickPageTests(AppFixture fixture)
{
    [Fact]
    public async Task A_beheerder_manages_targets_and_gap_reasons_on_the_page()
    {
        var place = Officer.Place("Paginadorp");
        var slug = Slugs.Of(place);
        using (var officer = new Officer(fixture)) await officer.CreateAsync(place, year: 2024); // 2025 is then a year without a survey
        using var client = fixture.App.CreateClient(followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminPageSignIn.SignInAsync(client, AppFixture.AdminKey)).StatusCode);
        var page = await client.GetStringAsync($"/beheer/gemeenten/{slug}");
        Assert.Contains("Er zijn nog geen streefwaarden.", page);
        Assert.Contains("data-year=\"2025\" data-status=\"geen onderzoek gedaan\"", page);
        var token = AdminPageSignIn.FormToken(page);
        HttpContent Form(params (string Name, string Value)[] fields) =>
            new FormUrlEncodedContent(fields.Append(("__RequestVerificationToken", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        var store = fixture.App.Services.GetRequiredService<YardstickStore>();
        (string, string)[] target = [("doel-audience", "ouders"), ("doel-measure", "kwaliteit"), ("doel-dimension", "totaal"), ("doel-domainValue", ""),
            ("doel-value", "77,5"), ("doel-targetYear", "2027"), ("doel-policyTitle", "Koersnota jeugd"), ("doel-policyLink", "https://example.org/koers"), ("doel-replaces", "")];

        // A wrong value: 422, the Dutch message at its field, what was typed kept, nothing stored.
        var wrong = await client.PostAsync($"/beheer/gemeenten/{slug}/streefwaarden", Form([.. target.Where(f => f.Item1 != "doel-value"), ("doel-value", "120")]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#doel-value\"", wrongPage);
        Assert.Contains("Vul een percentage in van 0 tot en met 100", wrongPage);
        Assert.Contains("value=\"Koersnota jeugd\"", wrongPage);
        Assert.Empty(await store.ListTargetsAsync(place));

        // Saved: a redirect to the page, which lists it.
        var saved = await client.PostAsync($"/beheer/gemeenten/{slug}/streefwaarden", Form(target));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/beheer/gemeenten/{slug}?gedaan=streefwaarde#streefwaarden", saved.Headers.Location!.OriginalString);
        var listed = await client.GetStringAsync($"/beheer/gemeenten/{slug}?gedaan=streefwaarde");
        Assert.Contains("De streefwaarde is bewaard.", listed);
        Assert.Contains("77,5%", listed);
        var first = Assert.Single(await store.ListTargetsAsync(place));
        Assert.Equal(77.5, first.Value);

        // Changed through the edit form: its key goes with it, so a new target year replaces the old target.
        var edit = await client.GetStringAsync($"/beheer/gemeenten/{slug}?wijzig={Uri.EscapeDataString(first.Key)}");
        Assert.Contains("Streefwaarde wijzigen", edit);
        Assert.Contains($"name=\"doel-replaces\" value=\"{first.Key}\"", edit);
        (string, string)[] changed = [.. target.Where(f => f.Item1 is not ("doel-targetYear" or "doel-replaces")), ("doel-targetYear", "2028"), ("doel-replaces", first.Key)];
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/beheer/gemeenten/{slug}/streefwaarden", Form(changed))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/beheer/gemeenten/{slug}/streefwaarden", Form(changed))).StatusCode); // sent again
        var now = Assert.Single(await store.ListTargetsAsync(place));
        Assert.Equal(2028, now.TargetYear);

        // Removed, and removed again (the button sent twice): both redirect, nothing left.
        for (var i = 0; i < 2; i++)
        {
            var removed = await client.PostAsync($"/beheer/gemeenten/{slug}/streefwaarden/verwijderen", Form(("sleutel", now.Key)));
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }
        Assert.Empty(await store.ListTargetsAsync(place));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/beheer/gemeenten/{slug}/streefwaarden/verwijderen", Form(("sleutel", "zomaar")))).StatusCode);

        // The reason for 2025 (listed as a gap); an empty reason and a year with a survey are refused at their field.
        var empty = await client.PostAsync($"/beheer/gemeenten/{slug}/jaren", Form(("jaar", "2025"), ("reden-2025", "  ")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("href=\"#reden-2025\"", await empty.Content.ReadAsStringAsync());
        var surveyed = await client.PostAsync($"/beheer/gemeenten/{slug}/jaren", Form(("jaar", "2024"), ("reden", "Toch niet.")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, surveyed.StatusCode);
        Assert.Contains("In 2024 is er een meting", await surveyed.Content.ReadAsStringAsync());
        var notANumber = await client.PostAsync($"/beheer/gemeenten/{slug}/jaren", Form(("jaar", "vorig jaar"), ("reden", "x")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notANumber.StatusCode);
        Assert.Contains("Vul een jaartal in", await notANumber.Content.ReadAsStringAsync());
        Assert.Empty(await store.ListGapReasonsAsync(place));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/beheer/gemeenten/{slug}/jaren", Form(("jaar", "2025"), ("reden-2025", "Het geld ging naar de nieuwe inkoop.")))).StatusCode);
        // Replaced by a newer reason, never removed; and an earlier year explained by typing it in.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/beheer/gemeenten/{slug}/jaren", Form(("jaar", "2025"), ("reden-2025", "Overstap naar een nieuw onderzoeksbureau.")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/beheer/gemeenten/{slug}/jaren", Form(("jaar", "2022"), ("reden", "Nog geen afspraken in de regio.")))).StatusCode);
        var years = await client.GetStringAsync($"/beheer/gemeenten/{slug}?gedaan=reden");
        Assert.Contains("Reden: Overstap naar een nieuw onderzoeksbureau.", years);
        Assert.Contains("data-year=\"2023\" data-status=\"geen onderzoek gedaan\"", years);
        Assert.Contains("Reden: Nog geen afspraken in de regio.", years);
        Assert.DoesNotContain("Het geld ging", years);

        // The overview links the page; the audit log holds every post with the municipality.
        Assert.Contains($"href=\"/beheer/gemeenten/{slug}\"", await client.GetStringAsync("/beheer"));
        var audit = fixture.App.Services.GetRequiredService<StorageAccount>().Table(StorageNames.Tables.AuditLog);
        var posts = new List<string>();
        await foreach (var e in audit.QueryAsync<TableEntity>(e => e.PartitionKey == DateTime.UtcNow.ToString("yyyy-MM")))
            if (e.GetString("Municipality") == slug) posts.Add($"{e.GetString("Route")} {e.GetInt32("Status")}");
        Assert.Contains("/beheer/gemeenten/{gemeente}/streefwaarden 422", posts);
        Assert.Equal(3, posts.Count(p => p == "/beheer/gemeenten/{gemeente}/streefwaarden 302"));
        Assert.Equal(2, posts.Count(p => p == "/beheer/gemeenten/{gemeente}/streefwaarden/verwijderen 302"));
        Assert.Equal(3, posts.Count(p => p == "/beheer/gemeenten/{gemeente}/jaren 302"));
    }
}
