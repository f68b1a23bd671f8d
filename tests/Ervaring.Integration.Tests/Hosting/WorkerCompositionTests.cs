using Ervaring.Functions;
using Ervaring.Functions.Hosting;
using Ervaring.Functions.Hosting.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Hosting;

/// <summary>
/// The worker the Functions host starts in Azure cannot run here (it dials the host over gRPC), but its composition
/// can be built: the same registrations as the development server, the function pipeline, and the knowledge that it
/// runs under the host (forwarded addresses, HSTS). A registration that only the development server made would fail here.
/// </summary>
public sealed class WorkerCompositionTests
{
    [Fact]
    public void The_worker_builds_with_every_service_a_function_needs()
    {
        // Production, as in Azure: the server secrets are required.
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var worker = Program.BuildWorker([
            "--Ervaring:Storage:ConnectionString=UseDevelopmentStorage=true",
            $"--Ervaring:Secrets:TokenKey={secret}", $"--Ervaring:Secrets:HashPepper={secret}",
            "--Ervaring:PublicBaseUrl=https://ervaring.example.nl",
        ]);
        var configuration = worker.Services.GetRequiredService<IConfiguration>();
        Assert.True(FunctionsHost.IsPresent(configuration));
        Assert.NotNull(worker.Services.GetRequiredService<FunctionPipeline>());
        using var scope = worker.Services.CreateScope();
        foreach (var type in HttpFunctionCatalog.Instance.Http.Values.Select(f => f.Method.DeclaringType!)
                     .Concat(HttpFunctionCatalog.Instance.Timers.Values.Select(t => t.Method.DeclaringType!)).Distinct())
            Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
    }
}
