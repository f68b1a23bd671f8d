using System.Diagnostics;
using System.Net;

namespace Ervaring.Benchmarks.Http;

/// <summary>
/// Cold start: a family opens the first link of the morning and the app has to start for it. Starts the app's
/// built or published <c>Ervaring.Functions.dll</c> as a fresh process, again and again, against one Azurite that
/// holds a wave in the field, and times process start → first survey page (GET /s/?t=…, 200) and, in separate
/// starts, process start → first /health. Production settings, no demo data.
/// </summary>
public static class ColdStart
{
    public sealed record Result(string App, int Runs, double SurveyMedianMs, double SurveyMinMs, double SurveyMaxMs, double HealthMedianMs);

    private static readonly string TokenKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string HashPepper = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    public static async Task<Result> MeasureAsync(string appDll, string[] appArgs, int runs)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        string token;
        await using (var setup = await StartAsync(appDll, appArgs, azurite))
        {
            await WaitForAsync(setup.Client, "/health", TimeSpan.FromSeconds(60));
            setup.Client.DefaultRequestHeaders.Add("X-Api-Key", LiveApp.AdminKey);
            var (_, invitations) = await LiveApp.FieldingWaveAsync(setup.Client, 20, "K");
            token = invitations[0].Token;
        }

        var survey = new List<double>();
        var health = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await using (var app = await StartAsync(appDll, appArgs, azurite))
                survey.Add(await WaitForAsync(app.Client, "/s/?t=" + Uri.EscapeDataString(token), TimeSpan.FromSeconds(60), app.Started));
            await using (var app = await StartAsync(appDll, appArgs, azurite))
                health.Add(await WaitForAsync(app.Client, "/health", TimeSpan.FromSeconds(60), app.Started));
        }
        survey.Sort();
        health.Sort();
        return new Result(appDll, runs, Median(survey), survey[0], survey[^1], Median(health));
    }

    private static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private sealed class RunningApp(Process process, HttpClient client, Stopwatch started) : IAsyncDisposable
    {
        public HttpClient Client => client;
        public Stopwatch Started => started;

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }

    private static Task<RunningApp> StartAsync(string appDll, string[] appArgs, AzuriteProcess azurite)
    {
        var port = FreePorts.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(appDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.GetFullPath(appDll));
        foreach (var arg in appArgs) info.ArgumentList.Add(arg);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Ervaring__Storage__ConnectionString"] = azurite.ConnectionString;
        info.Environment["Ervaring__Secrets__TokenKey"] = TokenKey;
        info.Environment["Ervaring__Secrets__HashPepper"] = HashPepper;
        info.Environment["Ervaring__AdminApiKey"] = LiveApp.AdminKey;
        info.Environment["Ervaring__PublicBaseUrl"] = "https://ervaring.example.nl";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var started = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        return Task.FromResult(new RunningApp(process, client, started));
    }

    /// <summary>Polls until the path answers 200; returns milliseconds since the process was started.</summary>
    private static async Task<double> WaitForAsync(HttpClient client, string path, TimeSpan limit, Stopwatch? started = null)
    {
        var clock = started ?? Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            try
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK) return clock.Elapsed.TotalMilliseconds;
                if ((int)response.StatusCode >= 400 && (int)response.StatusCode != 503)
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(5);
        }
        throw new TimeoutException($"GET {path} did not answer 200 within {limit.TotalSeconds} s");
    }
}
