namespace Conclave.Server.Tests.Fixtures;

/// <summary>
/// The shared <see cref="TestHost"/> with its defaults (SQLite, system clock, relay on an ephemeral loopback
/// port): the fixture most server tests take, and the base of the ones that name options or settings.
/// </summary>
public class ServerFixture : TestHost;
