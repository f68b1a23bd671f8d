using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ervaring.Integration.Tests.Hardening;

/// <summary>
/// Issue 21, case 5: a state-changing API request that carries only the officer's sign-in cookie must come from our
/// own pages. Before, `POST …/sample` with the cookie, `text/plain`, an empty body and `Origin: https://evil.example`
/// drew the sample (200).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CrossSiteTests(AppFixture fixture)
{
    [Fact]
    public async Task A_cookie_authenticated_api_change_from_another_site_is_refused_and_changes_nothing()
    {
        using var admin = fixture.AdminClient();
        var waveId = await NewWaveWithFrameAsync(admin);

        using var browser = fixture.App.CreateClient(followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminPageSignIn.SignInAsync(browser, AppFixture.AdminKey)).StatusCode);

        foreach (var (header, value) in new[] { ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site") })
        {
            using var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/waves/{waveId}/sample") { Content = new StringContent("", null, "text/plain") };
            forged.Headers.Add(header, value);
            var response = await browser.SendAsync(forged);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("niet van de eigen beheerpagina", await response.Content.ReadAsStringAsync());
        }
        using (var wave = JsonDocument.Parse(await admin.GetStringAsync($"/api/waves/{waveId}")))
            Assert.Equal("draft", wave.RootElement.GetProperty("state").GetString());

        // From the app's own origin the same cookie may act; an API key never needs the check.
        using var own = new HttpRequestMessage(HttpMethod.Get, $"/api/waves/{waveId}");
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(own)).StatusCode);
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, $"/api/waves/{waveId}/sample") { Content = JsonContent.Create(new { }) };
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(sameOrigin)).StatusCode);
    }

    private static async Task<string> NewWaveWithFrameAsync(HttpClient admin)
    {
        var place = "Kruisdorp" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var created = await admin.PostAsJsonAsync("/api/waves", new { municipalities = new[] { place }, year = 2026, fieldStart = "2026-03-01", fieldEnd = "2026-04-15", census = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var waveId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var csv = new ByteArrayContent(Ervaring.Core.Demo.SyntheticRegister.Csv(20, [place], 2026, seed: 3, referencePrefix: "KS"));
        csv.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/waves/{waveId}/frame?dropInvalid=true", csv)).StatusCode);
        return waveId;
    }
}
