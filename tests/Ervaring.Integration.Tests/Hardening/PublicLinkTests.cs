using System.Net;
using System.Text;
using Ervaring.Functions.Sampling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Ervaring.Integration.Tests.Hardening;

/// <summary>
/// Issue 21, case 2: personal links in letters and QR codes are what the letter promises — the configured https
/// address, never the request's Host (a forged Host put http://evil.example in front of a family's token).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PublicLinkTests(AppFixture fixture)
{
    [Fact]
    public async Task A_forged_host_never_reaches_a_redirect()
    {
        using var client = fixture.App.CreateClient(followRedirects: false);
        foreach (var path in new[] { "/beheer", "/beheer/metingen/nieuw" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "evil.example";
            request.Headers.Add("X-Forwarded-Host", "evil.example");
            using var response = await client.SendAsync(request);
            Assert.True((int)response.StatusCode is 302 or 303, $"{path}: {(int)response.StatusCode}");
            var location = response.Headers.Location!.OriginalString;
            Assert.StartsWith("/beheer/inloggen", location, StringComparison.Ordinal);
            Assert.DoesNotContain("evil.example", location, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_forged_host_never_reaches_the_links_of_the_mail_merge_file()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 12);
        using var admin = fixture.AdminClient();
        foreach (var (host, proto) in new[] { ("evil.example", "http"), ("evil.example:8443", "https") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/waves/{scenario.WaveId}/invitations.csv");
            request.Headers.Host = host;
            request.Headers.Add("X-Forwarded-Host", host);
            request.Headers.Add("X-Forwarded-Proto", proto);
            var response = await admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
            Assert.DoesNotContain("evil.example", csv);
            Assert.DoesNotContain("http://", csv);
            Assert.Contains("https://ervaring.example.nl/s/?t=", csv);
        }
    }

    [Theory]
    [InlineData(null, "ontbreekt")]
    [InlineData("http://ervaring.gemeente.nl", "https://")]
    [InlineData("ervaring.gemeente.nl", "volledig adres")]
    [InlineData("https://ervaring.gemeente.nl/?x=1", "volledig adres")]
    public void In_production_an_absent_or_plain_http_address_is_refused_at_start_up(string? configured, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(PublicBaseUrl.Key, configured)]).Build();
        var failure = Assert.Throws<InvalidOperationException>(() => PublicBaseUrl.FromConfiguration(configuration, new Production()));
        Assert.Contains(expected, failure.Message);
        Assert.Equal("https://ervaring.gemeente.nl", PublicBaseUrl.FromConfiguration(
            new ConfigurationBuilder().AddInMemoryCollection([new(PublicBaseUrl.Key, "https://ervaring.gemeente.nl/")]).Build(), new Production()).Value);
    }

    private sealed class Production : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "Ervaring";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
