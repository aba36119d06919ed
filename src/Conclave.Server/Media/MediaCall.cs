namespace Conclave.Server.Media;

/// <summary>The legs of one standard call, by hub connection; a null value is a leg still being opened.</summary>
internal sealed class MediaCall
{
    public Dictionary<string, MediaLeg?> Legs { get; } = new(StringComparer.Ordinal);

    /// <summary>Links the two legs once both exist, so each forwards to the other.</summary>
    public void Link()
    {
        var legs = Legs.Values.OfType<MediaLeg>().ToList();
        if (legs.Count == 2)
        {
            legs[0].Partner = legs[1];
            legs[1].Partner = legs[0];
        }
    }
}
