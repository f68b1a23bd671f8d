using System.Diagnostics;

namespace Ervaring.Integration.Tests.Benchmarks;

/// <summary>
/// The benchmark suite (tests/Ervaring.Benchmarks, docs/benchmarks.md) in its smoke variant: every benchmark once,
/// at the smallest size, against its own Azurite. Not a measurement — it keeps the benchmarks from rotting.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task Every_benchmark_runs_once_at_the_smallest_size()
    {
        // Built next to this test assembly, in the same configuration (ProjectReference without output assembly).
        // bin/<Configuration>/net10.0/ -> <Configuration>
        var configuration = Directory.GetParent(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!.Name;
        var dll = RepositoryRoot.Combine("tests", "Ervaring.Benchmarks", "bin", configuration, "net10.0", "Ervaring.Benchmarks.dll");
        Assert.True(File.Exists(dll), $"{dll} ontbreekt: bouw tests/Ervaring.Benchmarks.");

        var info = new ProcessStartInfo("dotnet", [dll, "--smoke"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("De benchmark-smoke duurde langer dan 3 minuten.\n" + await stdout);
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{await stderr}");
        foreach (var row in new[] { "frame import (parse + validate)", "sampling (draw on parsed frame)", "aggregation → report tables",
                     "survey page GET", "survey submit POST", "nightly mixing", "raw Table Storage writes", "R survey" })
            Assert.Contains("| " + row, output);
        Assert.DoesNotContain("R faalde", output);
    }
}
