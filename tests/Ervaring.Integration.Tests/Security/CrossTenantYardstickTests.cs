using System.Net;
using System.Net.Http.Json;
using static Ervaring.Integration.Tests.Security.CrossTenantFixture;

namespace Ervaring.Integration.Tests.Security;

/// <summary>Issue 14: targets and gap reasons belong to a municipality; another municipality's officer gets a 404 as for one that does not exist.</summary>
public sealed partial class CrossTenantTests
{
    [Fact]
    public async Task An_officer_reads_and_writes_targets_and_gap_reasons_only_of_its_own_municipalities()
    {
        using var api = fixture.Api(KeyA);
        var foreign = Ervaring.Functions.Reports.Slugs.Of(B);
        var target = new { audience = "ouders", measure = "toegang", value = "70", targetYear = "2026", policyTitle = "Plan" };
        var missing = await api.GetAsync("/api/municipalities/bestaat-niet/yardstick");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var before = await Hostile.StorageSnapshot.TakeAsync(fixture.App.Azurite.ConnectionString);
        foreach (var response in new[]
        {
            await api.GetAsync($"/api/municipalities/{foreign}/yardstick"),
            await api.PutAsJsonAsync($"/api/municipalities/{foreign}/targets", target),
            await api.DeleteAsync($"/api/municipalities/{foreign}/targets/ouders/toegang/totaal/totaal/2026"),
            await api.PutAsJsonAsync($"/api/municipalities/{foreign}/years/2020/reason", new { reason = "x" }),
            await api.PutAsync($"/api/municipalities/{foreign}/references", new StringContent(
                "meting;doelgroep;bron;jaar;populatie;waarde;vergelijkbaar\r\ntoegang;ouders;Bron;2024;ouders;70;goed\r\n", System.Text.Encoding.UTF8, "text/csv")),
            await api.DeleteAsync($"/api/municipalities/{foreign}/references?measure=toegang&audience=ouders&source=Bron&year=2024"),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(B, await response.Content.ReadAsStringAsync());
        }
        Assert.Empty(before.DifferencesTo(await Hostile.StorageSnapshot.TakeAsync(fixture.App.Azurite.ConnectionString)));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/municipalities/{Ervaring.Functions.Reports.Slugs.Of(A)}/yardstick")).StatusCode);
    }

    [Fact]
    public async Task The_yardstick_pages_of_another_municipality_answer_as_for_one_that_does_not_exist()
    {
        var (client, token) = await fixture.SignedInAsync(KeyA);
        using var _ = client;
        var foreign = Ervaring.Functions.Reports.Slugs.Of(B);
        HttpContent Form(params (string, string)[] fields) =>
            new FormUrlEncodedContent(fields.Append(("__RequestVerificationToken", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        (string, string)[] target = [("doel-audience", "ouders"), ("doel-measure", "toegang"), ("doel-value", "70"), ("doel-targetYear", "2026"), ("doel-policyTitle", "Plan")];

        var unknown = await client.GetAsync("/beheer/gemeenten/bestaat-niet");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var unknownBody = await unknown.Content.ReadAsStringAsync();
        var before = await Hostile.StorageSnapshot.TakeAsync(fixture.App.Azurite.ConnectionString);
        foreach (var response in new[]
        {
            await client.GetAsync($"/beheer/gemeenten/{foreign}"),
            await client.PostAsync($"/beheer/gemeenten/{foreign}/streefwaarden", Form(target)),
            await client.PostAsync($"/beheer/gemeenten/{foreign}/streefwaarden/verwijderen", Form(("sleutel", "ouders|toegang|totaal|totaal|2026"))),
            await client.PostAsync($"/beheer/gemeenten/{foreign}/jaren", Form(("jaar", "2020"), ("reden", "x"))),
            await client.PostAsync($"/beheer/gemeenten/{foreign}/referenties", Form()),
            await client.PostAsync($"/beheer/gemeenten/{foreign}/referenties/verwijderen", Form(("sleutel", "toegang|ouders|Bron|2024"))),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(B, body);
            // The same page as for a municipality that does not exist, but for the slug asked for.
            Assert.Equal(WithoutFormTokens(unknownBody.Replace("bestaat-niet", foreign, StringComparison.Ordinal)), WithoutFormTokens(body));
        }
        // The sign-in session may note its use; nothing else changed.
        var changed = before.DifferencesTo(await Hostile.StorageSnapshot.TakeAsync(fixture.App.Azurite.ConnectionString))
            .Where(d => !d.Contains($"table {Ervaring.Storage.StorageNames.Tables.SignInSessions}", StringComparison.Ordinal)).ToList();
        Assert.Empty(changed);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/beheer/gemeenten/{Ervaring.Functions.Reports.Slugs.Of(A)}")).StatusCode);
    }

    /// <summary>The page without its antiforgery fields (a fresh token on every page).</summary>
    private static string WithoutFormTokens(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "<input[^>]*__RequestVerificationToken[^>]*>", "");
}
