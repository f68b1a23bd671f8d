using System.Net;

namespace Ervaring.Integration.Tests.Security;

/// <summary>
/// Under the Functions host the client's address is the one the platform appends last to X-Forwarded-For. A client
/// that writes its own entries in front must not escape the failed-look-up limiter by rotating them.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ClientAddressTests(AppFixture fixture)
{
    [Fact]
    public async Task A_rotating_forged_first_forwarded_entry_is_blocked_after_the_limit()
    {
        await using var hosted = await AppInstance.StartAsync(fixture.Azurite.ConnectionString,
            new Dictionary<string, string?> { ["Ervaring:UnderFunctionsHost"] = "true", ["Ervaring:Survey:MaxFailedLookups"] = "10" });
        using var client = hosted.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 14; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/s/?t=" + new string('x', 40) + i);
            // The forged part rotates; the platform's own entry (last) stays the same.
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}, 203.0.113.7");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.All(statuses.Skip(10), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // Another real client (another last entry) is not blocked by the first one's failures.
        using var other = new HttpRequestMessage(HttpMethod.Get, "/s/?t=" + new string('y', 40));
        other.Headers.Add("X-Forwarded-For", "198.51.100.1, 203.0.113.8");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(other)).StatusCode);
    }
}
