using System.Text.Json;

namespace Ervaring.Integration.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed class OpenApiTests(AppFixture fixture)
{
    [Fact]
    public async Task The_api_is_described_by_an_openapi_document_with_the_contract_paths()
    {
        using var client = fixture.App.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json"));
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/waves", "/api/waves/{id}/frame", "/api/waves/{id}/sample", "/api/waves/{id}/invitations.csv", "/api/waves/{id}/sample/verify", "/api/waves/{id}/progress", "/api/waves/{id}/reminders.csv", "/api/waves/{id}/close" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        // Pages and timer paths are not part of the API description.
        Assert.False(paths.TryGetProperty("/NightlyMaintenance", out _));
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/s", StringComparison.Ordinal) || p.Name.StartsWith("/beheer", StringComparison.Ordinal));
    }
}
