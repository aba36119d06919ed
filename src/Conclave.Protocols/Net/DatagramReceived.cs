using System.Net;

namespace Conclave.Protocols.Net;

/// <summary>The result of a receive: how many bytes were copied and who sent them.</summary>
public readonly record struct DatagramReceived(int Length, IPEndPoint RemoteEndPoint);
