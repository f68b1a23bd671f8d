namespace Ervaring.Functions.Hosting;

/// <summary>
/// What the Azure Functions host tells its custom handler. The host sets FUNCTIONS_CUSTOMHANDLER_PORT and
/// forwards requests to 127.0.0.1 on that port; without it we are running on our own (locally, in tests).
/// </summary>
public static class FunctionsHost
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Configuration key (also settable by tests) that says the Functions host is present.</summary>
    public const string UnderHostKey = "Ervaring:UnderFunctionsHost";

    public static bool IsPresent(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[PortVariable]) || configuration.GetValue<bool>(UnderHostKey);

    public static WebApplicationBuilder ListenWhereTheFunctionsHostExpects(this WebApplicationBuilder builder)
    {
        var port = builder.Configuration[PortVariable];
        if (!string.IsNullOrEmpty(port))
        {
            if (!int.TryParse(port, out var number) || number is <= 0 or > 65535)
                throw new InvalidOperationException($"{PortVariable} is not a valid port number.");
            // Only the host talks to us, over loopback.
            builder.WebHost.UseUrls($"http://127.0.0.1:{number}");
        }
        // The Server header tells an attacker what we run and helps nobody else.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }
}
