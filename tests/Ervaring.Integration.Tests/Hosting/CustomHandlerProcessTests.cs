using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Ervaring.Integration.Tests.Infrastructure;

namespace Ervaring.Integration.Tests.Hosting;

/// <summary>
/// Runs the built executable the way the Functions host does: as a child process told its port through
/// FUNCTIONS_CUSTOMHANDLER_PORT, then talks to it over loopback.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CustomHandlerProcessTests(AppFixture fixture)
{
    [Fact]
    public async Task The_executable_listens_on_the_port_the_host_gives_and_answers_health_and_timers()
    {
        var appFolder = Path.GetDirectoryName(typeof(Ervaring.Functions.Program).Assembly.Location)!;
        var port = FreePorts.Next();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = appFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(appFolder, "Ervaring.Functions.dll"));
        info.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        info.Environment["Ervaring__Storage__ConnectionString"] = fixture.Azurite.ConnectionString;
        // Production, as in Azure: the server secrets must be configured or the app refuses to start.
        info.Environment["Ervaring__Secrets__TokenKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        info.Environment["Ervaring__Secrets__HashPepper"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:1"; // must be overridden by the host's port
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var health = await RetryUntilAnswered(() => client.GetAsync("/health"));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            var timer = await client.PostAsJsonAsync("/NightlyMaintenance", new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { } });
            Assert.Equal(HttpStatusCode.OK, timer.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<HttpResponseMessage> RetryUntilAnswered(Func<Task<HttpResponseMessage>> request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try { return await request(); }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { await Task.Delay(200); }
        }
    }
}
