using System.Net;
using System.Text;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Sdp;
using Conclave.Server.Media;

namespace Conclave.Fuzz.Targets;

/// <summary>
/// A device's offer to the media processor in a standard call: read it, and when it is served write
/// the answer, which must parse again and serve the same sections.
/// </summary>
public sealed class MediaOfferTarget : IFuzzTarget
{
    private static readonly DtlsCertificate Certificate = DtlsCertificate.Generate();
    private static readonly IceCandidate Host = new("1", 1, "udp", 2130706431, new IPEndPoint(IPAddress.Loopback, 40000), IceCandidateType.Host);

    public string Name => "media-offer";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (data.Length > SessionDescription.MaxLength)
        {
            return;
        }

        if (!MediaOffer.TryParse(Encoding.UTF8.GetString(data), out MediaOffer? offer, out string problem))
        {
            if (problem.Length == 0)
            {
                throw new InvalidOperationException("refused without a reason");
            }

            return;
        }

        string answer = MediaAnswer.Write(offer!, "ufrag", "passwordpasswordpassword", Certificate.Fingerprint, Host);
        if (!SessionDescription.TryParse(answer, out SessionDescription? parsed, out SdpParseError error))
        {
            throw new InvalidOperationException("the answer does not parse: " + error);
        }

        int served = offer!.Sections.Count(s => s.Use != MediaSectionUse.Rejected);
        if (parsed!.Media.Count != offer.Sections.Count || parsed.Media.Count(m => m.Port != 0) != served)
        {
            throw new InvalidOperationException("the answer does not mirror the offer's sections");
        }
    }
}
