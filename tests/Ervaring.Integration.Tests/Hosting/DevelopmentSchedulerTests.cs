using System.Diagnostics;
using System.Text.Json.Nodes;
using Ervaring.Functions.Timers;
using Ervaring.Integration.Tests.Wiring;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Hosting;

/// <summary>Locally, the development scheduler fires the timer functions on the schedules functions.metadata lists.</summary>
[Collection(AppCollection.Name)]
public sealed class DevelopmentSchedulerTests(AppFixture fixture)
{
    private sealed class CountingStep : ITimerStep
    {
        public int Runs;
        public string FunctionName => TimerFunctionNames.NightlyMaintenance;
        public string Name => "tellen";
        public Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult($"{Interlocked.Increment(ref Runs)}");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Timer_functions_run_on_their_metadata_schedule_only_when_enabled(bool enabled, bool expectRuns)
    {
        var folder = Directory.CreateTempSubdirectory("ervaring-functions-").FullName;
        try
        {
            // The built functions.metadata with the nightly job every second, so the test need not wait for 02:30.
            var functions = JsonNode.Parse(File.ReadAllText(FunctionsWiringTests.BuiltMetadata))!.AsArray();
            var nightly = functions.First(f => f!["name"]!.GetValue<string>() == TimerFunctionNames.NightlyMaintenance)!;
            nightly["bindings"]!.AsArray().First(b => b!["type"]!.GetValue<string>() == "timerTrigger")!["schedule"] = "* * * * * *";
            functions.Remove(functions.First(f => f!["name"]!.GetValue<string>() == TimerFunctionNames.YearlyReport));
            var metadata = Path.Combine(folder, "functions.metadata");
            File.WriteAllText(metadata, functions.ToJsonString());
            var step = new CountingStep();
            var clock = Stopwatch.StartNew();
            await using var app = await AppInstance.StartAsync(fixture.Azurite.ConnectionString,
                new Dictionary<string, string?> { ["Ervaring:DevelopmentScheduler"] = enabled.ToString(), ["Ervaring:FunctionsMetadataPath"] = metadata },
                builder => builder.Services.AddSingleton<ITimerStep>(step));

            // Waits for runs instead of counting them in a fixed window: a busy machine may start the first one late.
            if (expectRuns)
            {
                while (step.Runs < 2 && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
                Assert.True(step.Runs >= 2, $"{step.Runs} runs in {clock.Elapsed.TotalSeconds:F1} s");
                // Once a second, not in a loop: never more runs than seconds that passed (plus the one under way).
                await Task.Delay(TimeSpan.FromSeconds(2));
                var (runs, seconds) = (step.Runs, clock.Elapsed.TotalSeconds);
                Assert.True(runs <= Math.Ceiling(seconds) + 1, $"{runs} runs in {seconds:F1} s");
            }
            else
            {
                await Task.Delay(TimeSpan.FromSeconds(3.5));
                Assert.Equal(0, step.Runs);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
