using System.Diagnostics;
using System.Net;

namespace Ervaring.Integration.Tests.Hosting;

/// <summary>
/// Runs the built executable as a separate process the way the README says for scripts and black-box checks:
/// the development server on a chosen port, Production settings, no demo data; then talks to it over loopback.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AppProcessTests(AppFixture fixture)
{
    [Fact]
    public async Task The_executable_serves_the_functions_on_the_chosen_port_without_demo_data()
    {
        var appFolder = Path.GetDirectoryName(typeof(Ervaring.Functions.Program).Assembly.Location)!;
        var port = FreePorts.Next();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = appFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(appFolder, "Ervaring.Functions.dll"), "--development-server", "--urls", $"http://127.0.0.1:{port}" })
            info.ArgumentList.Add(arg);
        info.Environment["Ervaring__Storage__ConnectionString"] = fixture.Azurite.ConnectionString;
        // Production, as in Azure: the server secrets must be configured or the app refuses to start.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Ervaring__Secrets__TokenKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        info.Environment["Ervaring__Secrets__HashPepper"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        info.Environment["Ervaring__PublicBaseUrl"] = "https://ervaring.example.nl";
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            var health = await RetryUntilAnswered(() => client.GetAsync("/health"));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            var codePage = await client.GetAsync("/s/");
            Assert.Equal(HttpStatusCode.OK, codePage.StatusCode);
            // No HTTP route leads to timer code.
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/NightlyMaintenance", new StringContent("{}"))).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<HttpResponseMessage> RetryUntilAnswered(Func<Task<HttpResponseMessage>> request)
    {
        // A busy CI machine may take a while to start a process: refused connections are retried for a minute.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try { return await request(); }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { await Task.Delay(200); }
        }
    }
}
