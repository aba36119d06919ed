using System.Globalization;
using System.Text;
using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Sdp;

/// <summary>
/// One media section: <c>m=&lt;media&gt; &lt;port&gt;[/&lt;count&gt;] &lt;proto&gt; &lt;fmt&gt; ...</c> and the
/// i/c/b/k/a lines under it (RFC 8866 §5.14). Attributes keep their order; the typed properties read them.
/// </summary>
public sealed class SdpMediaDescription
{
    /// <summary>WebRTC's media protocol with DTLS-SRTP and RTCP feedback (RFC 5764 §8, RFC 8829 §5.1.2).</summary>
    public const string WebRtcProtocol = "UDP/TLS/RTP/SAVPF";

    public SdpMediaDescription(string media, int port, string protocol, IEnumerable<string> formats)
    {
        Media = media;
        Port = port;
        Protocol = protocol;
        Formats = [.. formats];
    }

    /// <summary><c>audio</c>, <c>video</c>, <c>application</c>, ...</summary>
    public string Media { get; set; }

    /// <summary>Transport port; JSEP uses 9 (discard) before candidates are known and 0 for a rejected section.</summary>
    public int Port { get; set; }

    /// <summary>The optional <c>/&lt;number of ports&gt;</c> after the port.</summary>
    public int? PortCount { get; set; }

    public string Protocol { get; set; }

    /// <summary>Media formats: RTP payload types as text for RTP profiles.</summary>
    public List<string> Formats { get; }

    /// <summary>The <c>i=</c> line, if any.</summary>
    public string? Information { get; set; }

    /// <summary><c>c=</c> lines of this section.</summary>
    public List<SdpConnection> Connections { get; } = [];

    public List<SdpBandwidth> Bandwidths { get; } = [];

    /// <summary>The obsolete <c>k=</c> line, kept only to write it back.</summary>
    public string? Key { get; set; }

    /// <summary>All <c>a=</c> lines in order, known or not.</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary><c>a=mid</c> (RFC 5888 §4).</summary>
    public string? Mid => Attributes.ValueOf("mid");

    public SdpDirection Direction =>
        Attributes.Has("sendonly") ? SdpDirection.SendOnly
        : Attributes.Has("recvonly") ? SdpDirection.RecvOnly
        : Attributes.Has("inactive") ? SdpDirection.Inactive
        : SdpDirection.SendRecv;

    /// <summary><c>a=rtcp-mux</c> (RFC 5761 §5.1.3).</summary>
    public bool RtcpMux => Attributes.Has("rtcp-mux");

    /// <summary><c>a=rtcp-rsize</c> (RFC 5506 §5).</summary>
    public bool RtcpReducedSize => Attributes.Has("rtcp-rsize");

    public string? IceUfrag => Attributes.ValueOf("ice-ufrag");

    public string? IcePwd => Attributes.ValueOf("ice-pwd");

    public IReadOnlyList<string> IceOptions =>
        Attributes.ValueOf("ice-options")?.Split(' ') ?? [];

    /// <summary>The first SHA-256 <c>a=fingerprint</c> of this section (RFC 8122 §5), if any.</summary>
    public DtlsFingerprint? Fingerprint => SdpLevels.Sha256Fingerprint(Attributes);

    /// <summary><c>a=setup</c> (RFC 4145 §4), if present.</summary>
    public DtlsSetup? Setup => SdpLevels.Setup(Attributes);

    /// <summary>Values of the <c>a=candidate</c> lines, unparsed (the ICE layer parses them, RFC 8839 §5.1).</summary>
    public IReadOnlyList<string> Candidates => Attributes.ValuesOf("candidate").ToList();

    /// <summary><c>a=end-of-candidates</c> (RFC 8840 §8.2).</summary>
    public bool EndOfCandidates => Attributes.Has("end-of-candidates");

    public IReadOnlyList<SdpRtpMap> RtpMaps => Attributes.Parsed<SdpRtpMap>("rtpmap", SdpRtpMap.TryParse);

    public IReadOnlyList<SdpFmtp> Fmtps => Attributes.Parsed<SdpFmtp>("fmtp", SdpFmtp.TryParse);

    public IReadOnlyList<SdpRtcpFeedback> RtcpFeedback => Attributes.Parsed<SdpRtcpFeedback>("rtcp-fb", SdpRtcpFeedback.TryParse);

    public IReadOnlyList<SdpExtMap> ExtMaps => Attributes.Parsed<SdpExtMap>("extmap", SdpExtMap.TryParse);

    public IReadOnlyList<SdpSsrc> Ssrcs => Attributes.Parsed<SdpSsrc>("ssrc", SdpSsrc.TryParse);

    public IReadOnlyList<SdpSsrcGroup> SsrcGroups => Attributes.Parsed<SdpSsrcGroup>("ssrc-group", SdpSsrcGroup.TryParse);

    public SdpMsid? Msid
    {
        get
        {
            IReadOnlyList<SdpMsid> all = Attributes.Parsed<SdpMsid>("msid", SdpMsid.TryParse);
            return all.Count > 0 ? all[0] : null;
        }
    }

    /// <summary>Appends an attribute (value null for a property attribute such as <c>rtcp-mux</c>).</summary>
    public SdpMediaDescription Add(string name, string? value = null)
    {
        Attributes.Add(new SdpAttribute(name, value));
        return this;
    }

    internal void WriteTo(StringBuilder text)
    {
        text.Append("m=").Append(Media).Append(' ').Append(Port.ToString(CultureInfo.InvariantCulture));
        if (PortCount is int count)
        {
            text.Append('/').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(' ').Append(Protocol);
        foreach (string format in Formats)
        {
            text.Append(' ').Append(format);
        }

        text.Append(SessionDescription.LineEnd);
        SdpLevels.WriteLine(text, 'i', Information);
        foreach (SdpConnection connection in Connections)
        {
            SdpLevels.WriteLine(text, 'c', connection.ToString());
        }

        foreach (SdpBandwidth bandwidth in Bandwidths)
        {
            SdpLevels.WriteLine(text, 'b', bandwidth.ToString());
        }

        SdpLevels.WriteLine(text, 'k', Key);
        foreach (SdpAttribute attribute in Attributes)
        {
            SdpLevels.WriteLine(text, 'a', attribute.ToString());
        }
    }
}
