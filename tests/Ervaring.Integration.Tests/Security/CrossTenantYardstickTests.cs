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
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(B, await response.Content.ReadAsStringAsync());
        }
        Assert.Empty(before.DifferencesTo(await Hostile.StorageSnapshot.TakeAsync(fixture.App.Azurite.ConnectionString)));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/municipalities/{Ervaring.Functions.Reports.Slugs.Of(A)}/yardstick")).StatusCode);
    }
}
