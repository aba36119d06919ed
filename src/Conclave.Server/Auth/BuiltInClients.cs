namespace Conclave.Server.Auth;

/// <summary>The first-party OAuth clients created at start (public: no secret).</summary>
public static class BuiltInClients
{
    /// <summary>The command line: device code, password (scripts) and refresh token.</summary>
    public const string Cli = "conclave-cli";

    /// <summary>The web app: authorization code with PKCE and refresh token.</summary>
    public const string Web = "conclave-web";

    /// <summary>The scope of the Conclave API.</summary>
    public const string ApiScope = "api";

    /// <summary>The audience of access tokens for the API.</summary>
    public const string ApiResource = "conclave-api";
}
