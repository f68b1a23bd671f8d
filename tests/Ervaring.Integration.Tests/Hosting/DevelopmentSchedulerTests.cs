using System.Diagnostics;
using Ervaring.Functions.Timers;
using Ervaring.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Hosting;

/// <summary>Locally, the development scheduler fires the timer jobs on the schedules written in their function.json.</summary>
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
    public async Task Timer_jobs_run_on_their_function_json_schedule_only_when_enabled(bool enabled, bool expectRuns)
    {
        var folder = Directory.CreateTempSubdirectory("ervaring-functions-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "NightlyMaintenance"));
            // Every second, so the test need not wait for 02:30.
            File.WriteAllText(Path.Combine(folder, "NightlyMaintenance", "function.json"),
                """{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "timer", "schedule": "* * * * * *" } ] }""");
            var step = new CountingStep();
            var clock = Stopwatch.StartNew();
            await using var app = await AppInstance.StartAsync(fixture.Azurite.ConnectionString,
                new Dictionary<string, string?> { ["Ervaring:DevelopmentScheduler"] = enabled.ToString(), ["Ervaring:FunctionDefinitionsPath"] = folder },
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
