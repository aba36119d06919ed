namespace Conclave.Protocols.Tests.Srtp;

internal static class Hex
{
    /// <summary>Hex as the RFCs print it: spaces and line breaks ignored.</summary>
    public static byte[] Bytes(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));
}
