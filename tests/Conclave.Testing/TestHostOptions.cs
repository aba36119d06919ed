namespace Conclave.Testing;

/// <summary>The store a <see cref="TestHost"/> keeps its data in.</summary>
public enum TestDatabase
{
    /// <summary>The embedded default: one SQLite file in the host's temp data folder.</summary>
    Sqlite,

    /// <summary>A fresh database per host on the loopback cluster of <see cref="TestPostgres"/>.</summary>
    Postgres,
}

/// <summary>
/// What a <see cref="TestHost"/> starts beyond the defaults every host has (tenant domain, test throttling
/// limits, the TURN relay on an ephemeral loopback port, cheap password hashing).
/// </summary>
public sealed record TestHostOptions
{
    /// <summary>Where the server stores its data. Default: <see cref="TestDatabase.Sqlite"/>.</summary>
    public TestDatabase Database { get; init; } = TestDatabase.Sqlite;

    /// <summary>The media processor's legs on ephemeral loopback ports (standard calls). Default: off (the server's own ports).</summary>
    public bool Media { get; init; }

    /// <summary>
    /// The server runs on <see cref="TestHost.Clock"/>, a <c>FakeTimeProvider</c> the test moves, instead of the
    /// system clock. Default: off.
    /// </summary>
    public bool FakeTime { get; init; }

    /// <summary>
    /// The relay's UDP port: 0 (the default) takes an ephemeral one. A fixed port is for tests whose clients must
    /// be handed a TURN URI naming it (see <see cref="RelayAnnouncedPort"/>).
    /// </summary>
    public int RelayPort { get; init; }

    /// <summary>
    /// When set, the TURN URI handed to callers names this loopback port (the relay's own, or a proxy in front of
    /// it) and the relay may relay to loopback peers, where every test peer is. Default: null (the server's URIs).
    /// </summary>
    public int? RelayAnnouncedPort { get; init; }

    /// <summary>More configuration, applied after the defaults above (e.g. low throttling limits).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
