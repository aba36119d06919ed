namespace Conclave.Server.Relay;

/// <summary>Which way a relayed datagram went.</summary>
public enum RelayDirection
{
    /// <summary>From the TURN client to a peer (ChannelData or Send indication).</summary>
    ToPeer,

    /// <summary>From a peer to the TURN client (ChannelData or Data indication).</summary>
    ToClient,
}
