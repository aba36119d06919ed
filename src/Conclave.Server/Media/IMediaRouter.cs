namespace Conclave.Server.Media;

/// <summary>
/// Where a leg's media goes. Each leg hands every packet it unprotected to its call's router, which
/// forwards it to each receiver through that receiver's <see cref="MediaSendContext"/>. A standard
/// one-to-one call has a <see cref="TwoPartyRouter"/>; a selective forwarding router for meetings
/// implements the same seam with N receivers (copying the packet per receiver, since a send context
/// protects in place). Routers are called on the thread that read the packet, concurrently for
/// different sources, and must not allocate per packet.
/// </summary>
internal interface IMediaRouter
{
    /// <summary>
    /// Whether any receiver of <paramref name="source"/>'s media has SRTP up. Asked before the source
    /// unprotects, so that a packet nobody can take is refused without moving the source's replay window
    /// (RFC 3711 §3.3.2).
    /// </summary>
    bool HasReceivers(MediaLeg source);

    /// <summary>
    /// Forwards one packet from <paramref name="source"/>: <paramref name="packet"/> holds the unprotected
    /// RTP or RTCP in its first <paramref name="length"/> bytes, with room behind for the protection
    /// overhead. Returns false when no receiver took it (the caller counts it as refused).
    /// </summary>
    bool Route(MediaLeg source, Span<byte> packet, int length, bool rtcp);

    /// <summary>Takes a leg out of the routing (its handshake failed or it closed); its receivers stop getting its media and it theirs.</summary>
    void Remove(MediaLeg leg);
}
