using System.Net;
using Ervaring.Functions.Hosting.Development;
using Ervaring.Functions.Timers;
using Ervaring.Integration.Tests.Wiring;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Hosting;

/// <summary>The timer functions run their capability's steps; a failed step fails the invocation (the host's alert watches that).</summary>
[Collection(AppCollection.Name)]
public sealed class TimerFunctionTests(AppFixture fixture)
{
    private sealed class FailingStep : ITimerStep
    {
        public string FunctionName => TimerFunctionNames.YearlyReport;
        public string Name => "altijd mis";
        public Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => throw new InvalidOperationException("kapot");
    }

    [Fact]
    public async Task No_http_path_reaches_a_timer_function()
    {
        using var client = fixture.App.CreateClient();
        foreach (var name in TimerFunctionNames.All)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/" + name, new StringContent("{}"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/" + name)).StatusCode);
        }
    }

    [Fact]
    public async Task The_timer_functions_listed_in_functions_metadata_run_their_steps()
    {
        var timers = FunctionsMetadata.Read(FunctionsWiringTests.BuiltMetadata).Where(f => f.IsTimer).ToList();
        Assert.Equal(TimerFunctionNames.All.Order(), timers.Select(t => t.Name).Order());
        await using var scope = fixture.App.Services.CreateAsyncScope();
        foreach (var timer in timers)
            await FunctionInvoker.InvokeTimerAsync(FunctionInvoker.Resolve(timer.EntryPoint), scope.ServiceProvider, CancellationToken.None);
    }

    [Fact]
    public async Task A_failed_step_fails_the_invocation_after_the_other_steps_ran()
    {
        await using var app = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, configure: builder => builder.Services.AddSingleton<ITimerStep, FailingStep>());
        var method = FunctionInvoker.Resolve(FunctionsMetadata.Read(FunctionsWiringTests.BuiltMetadata).Single(f => f.Name == TimerFunctionNames.YearlyReport).EntryPoint);
        await using var scope = app.Services.CreateAsyncScope();
        var failure = await Assert.ThrowsAsync<TimerJobFailedException>(() => FunctionInvoker.InvokeTimerAsync(method, scope.ServiceProvider, CancellationToken.None));
        Assert.Contains("altijd mis: mislukt (InvalidOperationException)", failure.Message);
        Assert.DoesNotContain("kapot", failure.Message);
    }
}
