using System.Diagnostics;
using System.Net.Sockets;

namespace Ervaring.Testing;

/// <summary>
/// A real Azurite (from the repository's pinned npm packages) on free loopback ports. In-memory by default;
/// with a <paramref name="dataFolder"/> it persists to disk, so a test can stop and restart it and find its data.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly string? _dataFolder;
    private Process? _process;

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    private AzuriteProcess(string? dataFolder)
    {
        _dataFolder = dataFolder;
        BlobPort = FreePorts.Next();
        QueuePort = FreePorts.Next();
        TablePort = FreePorts.Next();
    }

    public static async Task<AzuriteProcess> StartAsync(string? dataFolder = null)
    {
        var azurite = new AzuriteProcess(dataFolder);
        await azurite.StartAgainAsync();
        return azurite;
    }

    public static string Executable
    {
        get
        {
            var path = RepositoryRoot.Combine("node_modules", ".bin", "azurite");
            if (!File.Exists(path))
                throw new InvalidOperationException($"Azurite is not installed at {path}. Run 'npm ci' in the repository root (scripts/test.sh does this).");
            return path;
        }
    }

    /// <summary>(Re)starts the emulator on the same ports; with on-disk persistence the data survives.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false }) return;
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
                 })
            info.ArgumentList.Add(arg);
        if (_dataFolder is null)
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(_dataFolder);
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(_dataFolder);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListening(TablePort);
        await WaitUntilListening(BlobPort);
    }

    /// <summary>
    /// Stops the emulator. Politely (SIGTERM) when it persists to disk, so it writes its database first —
    /// Azurite keeps recent writes in memory and a hard kill would lose them, which is the emulator's
    /// behaviour, not the outage we want to test.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited && _dataFolder is not null)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await _process.WaitForExitAsync(timeout.Token); } catch (OperationCanceledException) { }
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }

    private async Task WaitUntilListening(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"Azurite did not listen on port {port} within 30 seconds.");
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
