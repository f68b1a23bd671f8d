using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Ervaring.Functions.Hosting;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Security;
using Ervaring.Integration.Tests.Hostile;

namespace Ervaring.Integration.Tests.Security;

/// <summary>
/// Issue 15, point 2: the platform's <c>X-MS-CLIENT-PRINCIPAL</c> is believed only when the platform vouches for it —
/// under the Functions host with App Service Authentication on (<c>WEBSITE_AUTH_ENABLED=True</c>, which the platform
/// sets). A deployment without platform authentication must not let a forged header in anywhere.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class PlatformPrincipalTrustTests(AppFixture fixture)
{
    private static readonly string ForgedBeheerder = Convert.ToBase64String(Encoding.UTF8.GetBytes(
        """{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"name","val":"Aanvaller"},{"typ":"roles","val":"beheerder"},{"typ":"roles","val":"onderzoeker"}]}"""));

    [Fact]
    public async Task Without_platform_authentication_a_forged_principal_is_refused_on_every_officer_endpoint()
    {
        using var admin = fixture.AdminClient();
        var waveId = await CreateWaveAsync(admin, WaveBody(UniquePlace()));
        await using var hosted = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            [FunctionsHost.UnderHostKey] = "true",
        });
        using var forged = hosted.CreateClient(followRedirects: false);
        forged.DefaultRequestHeaders.Add(PlatformPrincipalHandler.Header, ForgedBeheerder);

        var before = await StorageSnapshot.TakeAsync(fixture.Azurite.ConnectionString);
        var officerFunctions = HttpFunctionCatalog.Instance.Http.Values
            .Where(f => f.Access?.Level is Access.Beheerder or Access.Onderzoeker).ToList();
        Assert.True(officerFunctions.Count > 40, $"only {officerFunctions.Count} officer functions found");
        var let = new List<string>();
        foreach (var function in officerFunctions)
            foreach (var method in function.Methods)
            {
                var path = "/" + RouteValue().Replace(function.Route, m => m.Groups[1].Value switch
                {
                    "id" => waveId,
                    // Years are whole numbers in the routes ({year:int}, {targetYear:int}): a word would not match.
                    var name when name.EndsWith("year", StringComparison.OrdinalIgnoreCase) => "2026",
                    "version" => "1",
                    _ => "x",
                });
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await forged.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var toSignIn = response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther
                               && response.Headers.Location?.OriginalString.Contains("/beheer/inloggen", StringComparison.Ordinal) == true;
                if (!(response.StatusCode == HttpStatusCode.Unauthorized || toSignIn) || body.Contains(waveId, StringComparison.Ordinal))
                    let.Add($"{method} {path} ({function.Name}): {(int)response.StatusCode} {response.Headers.Location}");
            }
        Assert.Empty(let);
        Assert.Empty(before.DifferencesTo(await StorageSnapshot.TakeAsync(fixture.Azurite.ConnectionString)));
    }

    [Fact]
    public async Task With_platform_authentication_on_the_platform_principal_signs_the_officer_in()
    {
        // The positive control: the same header is believed when the platform says its authentication is on.
        await using var hosted = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            [FunctionsHost.UnderHostKey] = "true",
            [FunctionsHost.PlatformAuthenticationKey] = "True",
        });
        using var client = hosted.CreateClient(followRedirects: false);
        client.DefaultRequestHeaders.Add(PlatformPrincipalHandler.Header, ForgedBeheerder);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/waves")).StatusCode);
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)(?::[a-z]+)?\}")]
    private static partial Regex RouteValue();
}
