using System.Text;
using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Sdp;

/// <summary>Readings that are the same at session and media level.</summary>
internal static class SdpLevels
{
    public static DtlsFingerprint? Sha256Fingerprint(List<SdpAttribute> attributes)
    {
        foreach (string value in attributes.ValuesOf("fingerprint"))
        {
            if (DtlsFingerprint.TryParse(value, out DtlsFingerprint? fingerprint))
            {
                return fingerprint;
            }
        }

        return null;
    }

    public static DtlsSetup? Setup(List<SdpAttribute> attributes) =>
        attributes.ValueOf("setup") is string value && DtlsSetupRoles.TryParse(value, out DtlsSetup setup) ? setup : null;

    public static void WriteLine(StringBuilder text, char type, string? value)
    {
        if (value is not null)
        {
            text.Append(type).Append('=').Append(value).Append(SessionDescription.LineEnd);
        }
    }
}
