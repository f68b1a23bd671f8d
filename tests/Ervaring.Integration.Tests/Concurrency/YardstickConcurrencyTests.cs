using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Ervaring.Functions.Reports;
using Ervaring.Storage.Council;
using Xunit.Abstractions;

namespace Ervaring.Integration.Tests.Concurrency;

/// <summary>
/// Issue 14: the reason for a year without a survey sent eight times at once is one reason (one row, one text), and a
/// target sent eight times at once is one target — every answer 204, none a 409 or 5xx.
/// </summary>
[Collection(ConcurrencyCollection.Name)]
public sealed class YardstickConcurrencyTests(ConcurrencyFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_gap_reason_and_a_target_sent_eight_times_at_once_are_stored_once()
    {
        using var officer = new Officer(fixture.App);
        var place = Officer.Place("Redendorp");
        var waveId = await officer.CreateAsync(place, year: 2026); // the wave makes the municipality known; 2021–2025 are gaps
        var slug = Slugs.Of(place);

        var reasons = await Burst.SendAsync(officer.Client, Burst.Put($"/api/municipalities/{slug}/years/2022/reason", new { reason = "Geen budget dat jaar." }));
        output.WriteLine($"gap reason ×{Burst.Size}: {Burst.Summary(reasons)}");
        Assert.All(reasons, a => Assert.Equal((int)HttpStatusCode.NoContent, a.Status));

        var target = new { audience = "ouders", measure = "kwaliteit", dimension = "leeftijdsgroep", domainValue = "12-17", value = "80", targetYear = "2027", policyTitle = "Koers jeugd" };
        var targets = await Burst.SendAsync(officer.Client, Burst.Put($"/api/municipalities/{slug}/targets", target));
        output.WriteLine($"target ×{Burst.Size}: {Burst.Summary(targets)}");
        Assert.All(targets, a => Assert.Equal((int)HttpStatusCode.NoContent, a.Status));

        // In storage: one reason row and one target row in the municipality's partition, nothing else.
        var table = new TableClient(officer.Storage, "reportnotes");
        var rows = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == YardstickStore.Partition(place))) rows.Add(e);
        Assert.Equal(2, rows.Count);
        Assert.Single(rows, r => r.RowKey.StartsWith("doel|", StringComparison.Ordinal) && r.GetString("DomainValue") == "12-17" && r.GetDouble("Value") == 80);
        Assert.Single(rows, r => r.RowKey == "jaar|2022" && r.GetString("Reason") == "Geen budget dat jaar.");

        // And so the API says: the gap of 2022 has that one reason.
        var yardstick = JsonDocument.Parse(await officer.Client.GetStringAsync($"/api/municipalities/{slug}/yardstick")).RootElement;
        var year2022 = Assert.Single(yardstick.GetProperty("years").EnumerateArray(), y => y.GetProperty("year").GetInt32() == 2022);
        Assert.Equal("Geen budget dat jaar.", year2022.GetProperty("reason").GetString());
        Assert.Single(yardstick.GetProperty("targets").EnumerateArray());
        Assert.NotNull(waveId);
    }
}
