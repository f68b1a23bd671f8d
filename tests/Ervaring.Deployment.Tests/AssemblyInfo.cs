using System.Runtime.Versioning;

// The bicep package is linux-x64 and the deployment package targets linux-x64: these tests run on Linux.
[assembly: SupportedOSPlatform("linux")]
