using System.Globalization;

namespace Conclave.Protocols.Sdp;

/// <summary>
/// Line-by-line reader of RFC 8866 §5/§9: <c>&lt;type&gt;=&lt;value&gt;</c>, session lines in the fixed
/// order v o s i u e p c b t r z k a, then media sections m i c b k a. Accepts CRLF and bare LF (§5).
/// </summary>
internal static class SdpParser
{
    // Session-level stages in RFC 8866 §5 order; t and r share one (repeatable) stage.
    private const string SessionOrder = "vosiuepcbtzka";
    private const string SessionRepeatable = "epbta";
    private const string MediaOrder = "micbka";
    private const string MediaRepeatable = "cba";

    public static bool TryParse(string? text, out SessionDescription? description, out SdpParseError error, out int errorLine)
    {
        description = null;
        errorLine = 0;
        error = Parse(text, ref description, ref errorLine);
        if (error != SdpParseError.None)
        {
            description = null;
            return false;
        }

        return true;
    }

    private static SdpParseError Parse(string? text, ref SessionDescription? description, ref int lineNumber)
    {
        if (string.IsNullOrEmpty(text))
        {
            return SdpParseError.Empty;
        }

        if (text.Length > SessionDescription.MaxLength)
        {
            return SdpParseError.TooLarge;
        }

        string[] lines = text.Split('\n');
        SessionDescription? session = null;
        SdpMediaDescription? media = null;
        int stage = -1;
        for (int i = 0; i < lines.Length; i++)
        {
            lineNumber = i + 1;
            string line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            if (line.Length == 0 && i == lines.Length - 1)
            {
                break; // the final line end
            }

            if (line.Length < 2 || line[1] != '=' || line.AsSpan(2).IndexOfAny('\r', '\0') >= 0)
            {
                return SdpParseError.InvalidLine;
            }

            char type = line[0];
            string value = line[2..];
            if (!"vosiuepcbtrzkam".Contains(type, StringComparison.Ordinal))
            {
                return SdpParseError.UnknownLineType;
            }

            if (i == 0)
            {
                if (type != 'v' || value != "0")
                {
                    return SdpParseError.InvalidVersion;
                }

                stage = 0;
                continue;
            }

            if (type == 'm')
            {
                SdpParseError missing = media is null ? CheckSessionComplete(session, stage) : SdpParseError.None;
                if (missing != SdpParseError.None)
                {
                    return missing;
                }

                if (!TryParseMediaLine(value, out media))
                {
                    return SdpParseError.InvalidMedia;
                }

                session!.Media.Add(media!);
                stage = 0;
                continue;
            }

            SdpParseError result = media is null
                ? SessionLine(type, value, ref session, ref stage)
                : MediaLine(type, value, media, ref stage);
            if (result != SdpParseError.None)
            {
                return result;
            }
        }

        lineNumber = 0;
        SdpParseError incomplete = media is null ? CheckSessionComplete(session, stage) : SdpParseError.None;
        if (incomplete == SdpParseError.None)
        {
            description = session;
        }

        return incomplete;
    }

    private static readonly int NameStage = SessionOrder.IndexOf('s', StringComparison.Ordinal);

    /// <summary>Checks v, o, s and at least one t were seen; <paramref name="stage"/> is the session stage reached.</summary>
    private static SdpParseError CheckSessionComplete(SessionDescription? session, int stage) =>
        session is null ? SdpParseError.InvalidOrigin
        : stage < NameStage ? SdpParseError.MissingSessionName
        : session.Timings.Count == 0 ? SdpParseError.InvalidTiming
        : SdpParseError.None;

    private static SdpParseError SessionLine(char type, string value, ref SessionDescription? session, ref int stage)
    {
        // r= belongs to the preceding t=.
        int next = SessionOrder.IndexOf(type == 'r' ? 't' : type, StringComparison.Ordinal);
        if (next < 0 || next < stage || (next == stage && !SessionRepeatable.Contains(type == 'r' ? 't' : type, StringComparison.Ordinal)))
        {
            return SdpParseError.UnexpectedLine;
        }

        if (type != 'o' && session is null)
        {
            return next < NameStage ? SdpParseError.UnexpectedLine : SdpParseError.InvalidOrigin;
        }

        if (type is not ('o' or 's') && stage < NameStage)
        {
            return SdpParseError.MissingSessionName;
        }

        stage = next;
        switch (type)
        {
            case 'o':
                if (!SdpOrigin.TryParse(value, out SdpOrigin? origin))
                {
                    return SdpParseError.InvalidOrigin;
                }

                session = new SessionDescription(origin!, string.Empty);
                break;
            case 's':
                session!.SessionName = value;
                break;
            case 'i':
                session!.Information = value;
                break;
            case 'u':
                session!.Uri = value;
                break;
            case 'e':
                session!.Emails.Add(value);
                break;
            case 'p':
                session!.Phones.Add(value);
                break;
            case 'c':
                if (!SdpConnection.TryParse(value, out SdpConnection? connection))
                {
                    return SdpParseError.InvalidConnection;
                }

                session!.Connection = connection;
                break;
            case 'b':
                if (!SdpBandwidth.TryParse(value, out SdpBandwidth? bandwidth))
                {
                    return SdpParseError.InvalidBandwidth;
                }

                session!.Bandwidths.Add(bandwidth!);
                break;
            case 't':
                if (!SdpTiming.TryParse(value, out SdpTiming? timing))
                {
                    return SdpParseError.InvalidTiming;
                }

                session!.Timings.Add(timing!);
                break;
            case 'r':
                if (session!.Timings.Count == 0 || value.Length == 0)
                {
                    return SdpParseError.InvalidTiming;
                }

                session.Timings[^1].Repeats.Add(value);
                break;
            case 'z':
                session!.TimeZones = value;
                break;
            case 'k':
                session!.Key = value;
                break;
            default:
                return AddAttribute(session!.Attributes, value);
        }

        return SdpParseError.None;
    }

    private static SdpParseError MediaLine(char type, string value, SdpMediaDescription media, ref int stage)
    {
        int next = MediaOrder.IndexOf(type, StringComparison.Ordinal);
        if (next <= 0 || next < stage || (next == stage && !MediaRepeatable.Contains(type, StringComparison.Ordinal)))
        {
            return SdpParseError.UnexpectedLine;
        }

        stage = next;
        switch (type)
        {
            case 'i':
                media.Information = value;
                return SdpParseError.None;
            case 'c':
                if (!SdpConnection.TryParse(value, out SdpConnection? connection))
                {
                    return SdpParseError.InvalidConnection;
                }

                media.Connections.Add(connection!);
                return SdpParseError.None;
            case 'b':
                if (!SdpBandwidth.TryParse(value, out SdpBandwidth? bandwidth))
                {
                    return SdpParseError.InvalidBandwidth;
                }

                media.Bandwidths.Add(bandwidth!);
                return SdpParseError.None;
            case 'k':
                media.Key = value;
                return SdpParseError.None;
            default:
                return AddAttribute(media.Attributes, value);
        }
    }

    private static SdpParseError AddAttribute(List<SdpAttribute> attributes, string value)
    {
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        var attribute = colon < 0 ? SdpAttribute.Flag(value) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
        if (!SdpAttributeRules.IsValid(attribute))
        {
            return SdpParseError.InvalidAttribute;
        }

        attributes.Add(attribute);
        return SdpParseError.None;
    }

    /// <summary><c>m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; 1*(SP &lt;fmt&gt;)</c> (RFC 8866 §5.14).</summary>
    private static bool TryParseMediaLine(string value, out SdpMediaDescription? media)
    {
        media = null;
        string[] parts = value.Split(' ');
        if (parts.Length < 4 || !SdpText.IsToken(parts[0]) || parts[2].Length == 0 || !parts[3..].All(f => SdpText.IsToken(f)))
        {
            return false;
        }

        string[] port = parts[1].Split('/');
        if (port.Length > 2 || !SdpText.TryParseUInt32(port[0], out uint number) || number > ushort.MaxValue)
        {
            return false;
        }

        int? count = null;
        if (port.Length == 2)
        {
            if (!SdpText.TryParseUInt32(port[1], out uint ports) || ports is 0 or > ushort.MaxValue)
            {
                return false;
            }

            count = (int)ports;
        }

        // Leading zeros in the port would not survive a round trip: RFC 8866 §9 "port = 1*DIGIT" allows them, browsers never write them.
        if (port[0] != number.ToString(CultureInfo.InvariantCulture))
        {
            return false;
        }

        media = new SdpMediaDescription(parts[0], (int)number, parts[2], parts[3..]) { PortCount = count };
        return true;
    }
}
