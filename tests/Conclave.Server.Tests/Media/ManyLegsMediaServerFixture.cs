namespace Conclave.Server.Tests.Media;

/// <summary>
/// The real server with its media processor, legs kept open while their devices stay silent: the
/// handshake limit is long enough for a test to hold thousands of legs that never run DTLS.
/// </summary>
public sealed class ManyLegsMediaServerFixture : MediaServerFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Conclave:MediaProcessor:HandshakeTimeout"] = "00:10:00",
    };
}
