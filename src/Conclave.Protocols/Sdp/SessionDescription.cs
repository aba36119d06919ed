using System.Text;
using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Sdp;

/// <summary>
/// A session description (RFC 8866) with the JSEP subset WebRTC uses (RFC 8829). Every line is kept,
/// attributes in their order, so a parsed description is written back as it came (with CRLF line ends).
/// </summary>
public sealed class SessionDescription
{
    /// <summary>Largest description accepted: 256 KiB, far above what a browser produces for a call.</summary>
    public const int MaxLength = 256 * 1024;

    internal const string LineEnd = "\r\n";

    public SessionDescription(SdpOrigin origin, string sessionName = "-")
    {
        Origin = origin;
        SessionName = sessionName;
    }

    /// <summary><c>o=</c> (RFC 8866 §5.2).</summary>
    public SdpOrigin Origin { get; set; }

    /// <summary><c>s=</c>; JSEP writes <c>-</c> (RFC 8829 §5.2.1).</summary>
    public string SessionName { get; set; }

    public string? Information { get; set; }

    public string? Uri { get; set; }

    public List<string> Emails { get; } = [];

    public List<string> Phones { get; } = [];

    /// <summary>Session-level <c>c=</c>, if any.</summary>
    public SdpConnection? Connection { get; set; }

    public List<SdpBandwidth> Bandwidths { get; } = [];

    /// <summary><c>t=</c> lines (at least one when written); <see cref="SdpTiming.Unbounded"/> for WebRTC.</summary>
    public List<SdpTiming> Timings { get; } = [];

    /// <summary>The <c>z=</c> line, kept as text.</summary>
    public string? TimeZones { get; set; }

    /// <summary>The obsolete <c>k=</c> line, kept only to write it back.</summary>
    public string? Key { get; set; }

    /// <summary>Session-level <c>a=</c> lines in order.</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>Media sections in order.</summary>
    public List<SdpMediaDescription> Media { get; } = [];

    /// <summary><c>a=group</c> lines (RFC 5888 §5).</summary>
    public IReadOnlyList<SdpGroup> Groups => Attributes.Parsed<SdpGroup>("group", SdpGroup.TryParse);

    /// <summary>The BUNDLE group's mids, first one tagged (RFC 9143 §7.1), or empty.</summary>
    public IReadOnlyList<string> BundleMids => Groups.FirstOrDefault(g => g.Semantics == SdpGroup.Bundle)?.Mids ?? [];

    /// <summary><c>a=ice-lite</c> (RFC 8839 §5.3).</summary>
    public bool IceLite => Attributes.Has("ice-lite");

    /// <summary>Session-level ICE username fragment (media sections may override it).</summary>
    public string? IceUfrag => Attributes.ValueOf("ice-ufrag");

    public string? IcePwd => Attributes.ValueOf("ice-pwd");

    public DtlsFingerprint? Fingerprint => SdpLevels.Sha256Fingerprint(Attributes);

    public DtlsSetup? Setup => SdpLevels.Setup(Attributes);

    /// <summary>ICE ufrag for a section: its own, else the session's (RFC 8839 §5.4).</summary>
    public string? IceUfragOf(SdpMediaDescription media) => media.IceUfrag ?? IceUfrag;

    /// <summary>ICE password for a section: its own, else the session's.</summary>
    public string? IcePwdOf(SdpMediaDescription media) => media.IcePwd ?? IcePwd;

    /// <summary>Fingerprint for a section: its own, else the session's (RFC 8122 §5).</summary>
    public DtlsFingerprint? FingerprintOf(SdpMediaDescription media) => media.Fingerprint ?? Fingerprint;

    /// <summary>Setup role for a section: its own, else the session's (RFC 4145 §4).</summary>
    public DtlsSetup? SetupOf(SdpMediaDescription media) => media.Setup ?? Setup;

    /// <summary>Appends a session-level attribute.</summary>
    public SessionDescription Add(string name, string? value = null)
    {
        Attributes.Add(new SdpAttribute(name, value));
        return this;
    }

    /// <summary>Parses SDP text. Never throws; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out SessionDescription? description, out SdpParseError error) =>
        SdpParser.TryParse(text, out description, out error, out _);

    /// <summary>Parses SDP text, also giving the 1-based number of the offending line on failure.</summary>
    public static bool TryParse(string? text, out SessionDescription? description, out SdpParseError error, out int errorLine) =>
        SdpParser.TryParse(text, out description, out error, out errorLine);

    /// <summary>Parses UTF-8 SDP (RFC 8866 §5: the default character set is UTF-8).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out SessionDescription? description, out SdpParseError error)
    {
        if (utf8.Length > MaxLength)
        {
            description = null;
            error = SdpParseError.TooLarge;
            return false;
        }

        return SdpParser.TryParse(Encoding.UTF8.GetString(utf8), out description, out error, out _);
    }

    /// <summary>The description as SDP text with CRLF line ends (RFC 8866 §5).</summary>
    public override string ToString()
    {
        var text = new StringBuilder(2048);
        text.Append("v=0").Append(LineEnd);
        SdpLevels.WriteLine(text, 'o', Origin.ToString());
        SdpLevels.WriteLine(text, 's', SessionName);
        SdpLevels.WriteLine(text, 'i', Information);
        SdpLevels.WriteLine(text, 'u', Uri);
        Emails.ForEach(e => SdpLevels.WriteLine(text, 'e', e));
        Phones.ForEach(p => SdpLevels.WriteLine(text, 'p', p));
        SdpLevels.WriteLine(text, 'c', Connection?.ToString());
        Bandwidths.ForEach(b => SdpLevels.WriteLine(text, 'b', b.ToString()));
        foreach (SdpTiming timing in Timings.Count > 0 ? Timings : [SdpTiming.Unbounded])
        {
            SdpLevels.WriteLine(text, 't', timing.ToString());
            timing.Repeats.ForEach(r => SdpLevels.WriteLine(text, 'r', r));
        }

        SdpLevels.WriteLine(text, 'z', TimeZones);
        SdpLevels.WriteLine(text, 'k', Key);
        Attributes.ForEach(a => SdpLevels.WriteLine(text, 'a', a.ToString()));
        Media.ForEach(m => m.WriteTo(text));
        return text.ToString();
    }
}
