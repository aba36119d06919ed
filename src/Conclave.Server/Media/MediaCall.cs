namespace Conclave.Server.Media;

/// <summary>The legs of one standard call, by hub connection; a null value is a leg still being opened.</summary>
internal sealed class MediaCall
{
    public Dictionary<string, MediaLeg?> Legs { get; } = new(StringComparer.Ordinal);

    /// <summary>The call's router, once it has two legs.</summary>
    public IMediaRouter? Router { get; private set; }

    /// <summary>Routes the two legs to each other once both exist (a one-to-one call: <see cref="TwoPartyRouter"/>).</summary>
    public void Link()
    {
        var legs = Legs.Values.OfType<MediaLeg>().ToList();
        if (legs.Count == 2)
        {
            var router = new TwoPartyRouter(legs[0], legs[1]);
            Router = router;
            legs[0].Router = router;
            legs[1].Router = router;
        }
    }

    /// <summary>Takes a leg out of the call's routing: it and the others stop exchanging media.</summary>
    public void Unlink(MediaLeg leg)
    {
        Router?.Remove(leg);
        leg.Router = null;
    }
}
