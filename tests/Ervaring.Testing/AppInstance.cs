using Ervaring.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ervaring.Testing;

/// <summary>
/// The real app (the same <see cref="Program.Build"/> the Functions host runs) on Kestrel on a free loopback
/// port, talking to a real Azurite. Tests speak HTTP to it like any client would.
/// </summary>
public sealed class AppInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    public Uri BaseAddress { get; }
    public IServiceProvider Services => _app.Services;

    private AppInstance(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public static async Task<AppInstance> StartAsync(string storageConnectionString, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            $"--Ervaring:Storage:ConnectionString={storageConnectionString}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            args.Add($"--{key}={value}");
        var app = Program.Build(args.ToArray(), builder =>
        {
            // Validate service lifetimes as Development does, so a scoped service used from the root fails in tests too.
            builder.Host.UseDefaultServiceProvider(options => { options.ValidateScopes = true; options.ValidateOnBuild = true; });
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        // The tables are created beside the start; tests that use the app's services directly need them there.
        await app.Services.GetRequiredService<Ervaring.Functions.Hosting.StorageReadiness>().WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AppInstance(app, new Uri(address));
    }

    public HttpClient CreateClient(bool followRedirects = true)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true };
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
