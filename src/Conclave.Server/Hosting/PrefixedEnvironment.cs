namespace Conclave.Server.Hosting;

/// <summary>
/// <c>CONCLAVE_</c> environment variables as settings under <c>Conclave:</c>, so that every section is
/// reachable from the environment (<c>CONCLAVE_DATABASE__PROVIDER=postgres</c> →
/// <c>Conclave:Database:Provider</c>, <c>CONCLAVE_RELAY__UDPPORT=0</c> → <c>Conclave:Relay:UdpPort</c>).
/// Added after appsettings.json and before the command line, by the full server and the relay-only host alike.
/// </summary>
public static class PrefixedEnvironment
{
    private const string Prefix = "CONCLAVE_";

    public static Dictionary<string, string?> Read()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            // CONCLAVE__X would map to "Conclave::X": not a setting.
            if (name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && !name.StartsWith(Prefix + "_", StringComparison.Ordinal))
            {
                settings["Conclave:" + name[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = (string?)entry.Value;
            }
        }

        return settings;
    }
}
