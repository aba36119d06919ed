namespace Conclave.Protocols.Sdp;

/// <summary>
/// <c>t=&lt;start-time&gt; &lt;stop-time&gt;</c> (RFC 8866 §5.9) with any <c>r=</c> repeat lines kept as text.
/// WebRTC always writes <c>t=0 0</c> (RFC 8829 §5.2.1).
/// </summary>
public sealed record SdpTiming(string Start, string Stop)
{
    /// <summary>An unbounded session: <c>t=0 0</c>.</summary>
    public static SdpTiming Unbounded { get; } = new("0", "0");

    /// <summary>Values of the <c>r=</c> lines that follow, in order.</summary>
    public List<string> Repeats { get; } = [];

    internal static bool TryParse(string value, out SdpTiming? timing)
    {
        string[] parts = value.Split(' ');
        timing = parts.Length == 2 && SdpText.IsDigits(parts[0]) && SdpText.IsDigits(parts[1]) ? new SdpTiming(parts[0], parts[1]) : null;
        return timing is not null;
    }

    public override string ToString() => $"{Start} {Stop}";
}
