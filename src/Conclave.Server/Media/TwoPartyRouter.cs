namespace Conclave.Server.Media;

/// <summary>
/// The router of a one-to-one standard call: what one leg sends goes to the other, protected in place
/// with the other leg's send context. Nothing is allocated per packet.
/// </summary>
internal sealed class TwoPartyRouter(MediaLeg first, MediaLeg second) : IMediaRouter
{
    private volatile MediaLeg? _first = first;
    private volatile MediaLeg? _second = second;

    public bool HasReceivers(MediaLeg source) => ReceiverOf(source) is { IsUp: true };

    public bool Route(MediaLeg source, Span<byte> packet, int length, bool rtcp) =>
        ReceiverOf(source) is { } receiver && receiver.SendContext.TryForward(packet, length, rtcp, source);

    public void Remove(MediaLeg leg)
    {
        if (_first == leg)
        {
            _first = null;
        }

        if (_second == leg)
        {
            _second = null;
        }
    }

    /// <summary>The other leg, while both are in the call.</summary>
    private MediaLeg? ReceiverOf(MediaLeg source)
    {
        MediaLeg? first = _first, second = _second;
        if (first is null || second is null)
        {
            return null;
        }

        return source == first ? second : source == second ? first : null;
    }
}
