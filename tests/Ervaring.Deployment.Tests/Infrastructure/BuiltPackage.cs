using System.IO.Compression;

namespace Ervaring.Deployment.Tests.Infrastructure;

/// <summary>
/// artifacts/ervaring-functions.zip, built once per test run by scripts/package.sh (the same script CI and people
/// use), and unpacked into a temporary folder the way the Functions host unpacks it.
/// </summary>
public sealed class BuiltPackage : IAsyncLifetime
{
    public string ZipPath { get; } = RepositoryRoot.Combine("artifacts", "ervaring-functions.zip");
    public string ExtractedTo { get; } = Path.Combine(Path.GetTempPath(), "ervaring-package-" + Guid.NewGuid().ToString("N"));
    public ProcessResult Script { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (File.Exists(ZipPath)) File.Delete(ZipPath); // never test a stale package
        Script = await ProcessRunner.RunAsync(RepositoryRoot.Combine("scripts", "package.sh"), [], RepositoryRoot.Path, TimeSpan.FromMinutes(15));
        if (Script.ExitCode != 0) throw new InvalidOperationException(Script.Describe("scripts/package.sh"));
        ZipFile.ExtractToDirectory(ZipPath, ExtractedTo);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(ExtractedTo)) Directory.Delete(ExtractedTo, recursive: true);
        return Task.CompletedTask;
    }

    public ZipArchive Open() => ZipFile.OpenRead(ZipPath);

    /// <summary>Unix permission bits stored in a zip entry (the high 16 bits of the external attributes).</summary>
    public static UnixFileMode ModeOf(ZipArchiveEntry entry) => (UnixFileMode)((entry.ExternalAttributes >> 16) & 0x1FF);
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<BuiltPackage>
{
    public const string Name = "Deployment package";
}
