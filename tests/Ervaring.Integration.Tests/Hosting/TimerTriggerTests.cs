using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ervaring.Functions.Timers;
using Ervaring.Integration.Tests.Infrastructure;

namespace Ervaring.Integration.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed class TimerTriggerTests(AppFixture fixture)
{
    private static readonly object HostPayload = new
    {
        Data = new { timer = new { Schedule = new { AdjustForDST = true }, ScheduleStatus = (object?)null, IsPastDue = false } },
        Metadata = new { sys = new { MethodName = "NightlyMaintenance", UtcNow = "2026-11-24T02:30:00Z", RandGuid = Guid.NewGuid() } },
    };

    [Fact]
    public async Task Timer_paths_do_not_answer_without_the_functions_host()
    {
        using var client = fixture.App.CreateClient();
        foreach (var name in TimerFunctionNames.All)
        {
            var response = await client.PostAsJsonAsync("/" + name, HostPayload);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Under_the_functions_host_a_timer_invocation_is_answered_in_the_host_shape()
    {
        await using var app = await AppInstance.StartAsync(fixture.Azurite.ConnectionString,
            new Dictionary<string, string?> { ["Ervaring:UnderFunctionsHost"] = "true" });
        using var client = app.CreateClient();
        foreach (var name in TimerFunctionNames.All)
        {
            var response = await client.PostAsJsonAsync("/" + name, HostPayload);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
            Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("Logs").ValueKind);
            Assert.True(body.RootElement.TryGetProperty("ReturnValue", out _));
        }
    }

    [Fact]
    public void The_catalog_reads_the_timer_schedules_copied_next_to_the_app()
    {
        var catalog = new FunctionCatalog(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var timers = catalog.TimerFunctions();
        Assert.Equal(TimerFunctionNames.All.Order(), timers.Select(t => t.Name).Order());
        Assert.All(timers, t => Assert.Equal(6, t.Schedule.Split(' ').Length));
    }
}
