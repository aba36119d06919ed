using System.Net;

namespace Conclave.Protocols.Ice;

/// <summary>A TURN server to allocate a relayed candidate on (UDP), with long-term credentials.</summary>
public sealed record IceTurnServer(IPEndPoint Address, string Username, string Password);
