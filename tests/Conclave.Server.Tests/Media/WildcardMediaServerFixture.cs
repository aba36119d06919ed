namespace Conclave.Server.Tests.Media;

/// <summary>
/// The real server with its leg sockets bound to the IPv4 wildcard and 127.0.0.2 announced, as a
/// multi-homed host that binds every address and announces one of them.
/// </summary>
public sealed class WildcardMediaServerFixture : MediaServerFixture
{
    public const string AnnouncedAddress = "127.0.0.2";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Conclave:MediaProcessor:ListenAddress"] = "0.0.0.0",
        ["Conclave:MediaProcessor:AnnouncedAddress"] = AnnouncedAddress,
    };
}
