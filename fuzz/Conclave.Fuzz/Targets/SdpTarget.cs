using Conclave.Protocols.Sdp;

namespace Conclave.Fuzz.Targets;

/// <summary>
/// SDP from the signaling channel: parse, read every typed view, and check that whatever parses
/// writes back to text that parses to the same text again.
/// </summary>
public sealed class SdpTarget : IFuzzTarget
{
    public string Name => "sdp";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!SessionDescription.TryParse(data, out SessionDescription? sdp, out SdpParseError error))
        {
            if (error == SdpParseError.None)
            {
                throw new InvalidOperationException("rejected without an error");
            }

            return;
        }

        _ = sdp!.Groups.Count + sdp.BundleMids.Count;
        foreach (SdpMediaDescription media in sdp.Media)
        {
            _ = sdp.FingerprintOf(media);
            _ = sdp.SetupOf(media);
            _ = sdp.IceUfragOf(media);
            _ = media.Direction;
            _ = media.RtpMaps.Count + media.Fmtps.Count + media.RtcpFeedback.Count + media.ExtMaps.Count
                + media.Ssrcs.Count + media.SsrcGroups.Count + media.Candidates.Count + media.IceOptions.Count;
            _ = media.Msid;
            foreach (SdpFmtp fmtp in media.Fmtps)
            {
                _ = fmtp.ParameterPairs();
            }
        }

        string written = sdp.ToString();
        if (!SessionDescription.TryParse(written, out SessionDescription? again, out SdpParseError second))
        {
            throw new InvalidOperationException($"written SDP does not parse again: {second}");
        }

        if (again!.ToString() != written)
        {
            throw new InvalidOperationException("SDP round trip is not stable");
        }
    }
}
