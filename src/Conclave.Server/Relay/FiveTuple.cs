using Conclave.Server.Networking;

namespace Conclave.Server.Relay;

/// <summary>
/// RFC 8656 §2: an allocation is identified by its 5-tuple — client address and port, server
/// address and port, and transport.
/// </summary>
internal readonly record struct FiveTuple(RelayTransport Transport, PeerAddress Client, PeerAddress Server);
