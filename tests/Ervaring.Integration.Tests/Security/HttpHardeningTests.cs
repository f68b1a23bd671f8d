using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ervaring.Core.Demo;
using Ervaring.Functions.Security;

namespace Ervaring.Integration.Tests.Security;

[Collection(AppCollection.Name)]
public sealed class HttpHardeningTests(AppFixture fixture)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/api/waves")]
    [InlineData("/s")]
    [InlineData("/beheer/inloggen")]
    [InlineData("/bestaat-niet")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = fixture.App.CreateClient(followRedirects: false);
        var response = await client.GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS only behind the platform's HTTPS");
    }

    [Fact]
    public async Task The_platform_principal_is_trusted_only_under_the_functions_host()
    {
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"name","val":"Els de Vries"},{"typ":"roles","val":"beheerder"}]}"""));
        using var outside = fixture.App.CreateClient();
        outside.DefaultRequestHeaders.Add(PlatformPrincipalHandler.Header, principal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await outside.GetAsync("/api/waves")).StatusCode);

        await using var hosted = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, new Dictionary<string, string?> { ["Ervaring:UnderFunctionsHost"] = "true", ["WEBSITE_AUTH_ENABLED"] = "True" });
        using var inside = hosted.CreateClient();
        inside.DefaultRequestHeaders.Add(PlatformPrincipalHandler.Header, principal);
        var response = await inside.GetAsync("/api/waves");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age", response.Headers.GetValues("Strict-Transport-Security").Single());

        // A principal without one of our roles gets nothing.
        using var noRole = hosted.CreateClient();
        noRole.DefaultRequestHeaders.Add(PlatformPrincipalHandler.Header, Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","claims":[{"typ":"name","val":"Iemand"},{"typ":"roles","val":"admin"}]}""")));
        Assert.Equal(HttpStatusCode.Forbidden, (await noRole.GetAsync("/api/waves")).StatusCode);
    }

    [Fact]
    public async Task A_researcher_key_may_read_progress_but_not_manage_waves()
    {
        using var admin = fixture.AdminClient();
        var waveId = await CreateWaveAsync(admin, WaveBody(UniquePlace()));
        using var researcher = fixture.App.CreateClient();
        researcher.DefaultRequestHeaders.Add("X-Api-Key", AppFixture.ResearcherKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await researcher.PostAsync("/api/waves", JsonContent.Create(WaveBody()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await researcher.GetAsync($"/api/waves/{waveId}/progress")).StatusCode);
        using var wrong = fixture.App.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "niet-de-goede-sleutel-123456");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/waves")).StatusCode);
    }

    [Fact]
    public async Task Admin_actions_are_audited_without_bodies_or_tokens()
    {
        using var admin = fixture.AdminClient();
        var waveId = await CreateWaveAsync(admin, WaveBody(UniquePlace()));
        var verify = await admin.PostAsync($"/api/waves/{waveId}/sample/verify", null); // 409: nothing drawn yet
        var table = new Azure.Data.Tables.TableClient(fixture.Azurite.ConnectionString, Ervaring.Storage.StorageNames.Tables.AuditLog);
        var found = false;
        for (var attempt = 0; attempt < 20 && !found; attempt++)
        {
            await foreach (var e in table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.GetString("WaveId") == waveId))
            {
                found = true;
                Assert.Equal("POST", e.GetString("Method"));
                Assert.Equal("beheerder", e.GetString("Role"));
                Assert.Equal("/api/waves/{id}/sample/verify", "/" + e.GetString("Route")!.TrimStart('/'));
                Assert.Equal((int)verify.StatusCode, e.GetInt32("Status"));
                Assert.Null(e.GetString("Body"));
            }
            if (!found) await Task.Delay(50);
        }
        Assert.True(found, "no audit record for the new wave");
    }

    [Fact]
    public async Task A_frame_larger_than_the_default_body_limit_is_accepted_and_a_huge_survey_post_is_not()
    {
        using var admin = fixture.AdminClient();
        var place = "Grootstad" + Guid.NewGuid().ToString("N")[..6];
        var waveId = await CreateWaveAsync(admin, WaveBody(place));
        var csv = SyntheticRegister.Csv(40_000, [place], 2026, seed: 9);
        Assert.True(csv.Length > 1024 * 1024);
        var import = await PostCsvAsync(admin, $"/api/waves/{waveId}/frame?dropInvalid=true", csv);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);

        using var client = fixture.App.CreateClient();
        var huge = new ByteArrayContent(Encoding.UTF8.GetBytes("wat_kan_beter=" + new string('x', 2 * 1024 * 1024)));
        huge.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        // "Expect: 100-continue", as a careful client sends a big body: the server refuses on the length alone, so
        // the answer cannot be lost in a connection closed while the 2 MB are still being written (seen under load).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/s/?t=" + new string('A', 43)) { Content = huge };
        request.Headers.ExpectContinue = true;
        var post = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, post.StatusCode);
    }
}
