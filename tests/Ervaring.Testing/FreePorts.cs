using System.Net;
using System.Net.Sockets;

namespace Ervaring.Testing;

public static class FreePorts
{
    /// <summary>Asks the OS for a port nobody uses right now on loopback.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
