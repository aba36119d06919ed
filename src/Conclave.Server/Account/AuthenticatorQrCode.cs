using System.Globalization;
using System.Text;
using QRCoder;

namespace Conclave.Server.Account;

/// <summary>
/// An <c>otpauth://</c> URI as an inline SVG QR code for the first sign-in page: one path of unit squares
/// with presentation attributes only (no <c>style</c>, no script), so the page's Content-Security-Policy
/// (<c>default-src 'none'</c>) holds. The quiet zone is part of QRCoder's matrix.
/// </summary>
public static class AuthenticatorQrCode
{
    /// <summary>Rendered size in CSS pixels: large enough for a phone camera at arm's length.</summary>
    private const int DisplaySize = 240;

    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        // Level M (15 % recovery): a screen may carry glare or a scratch; the URI stays short enough.
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count.ToString(CultureInfo.InvariantCulture);
        var path = new StringBuilder();
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix[row].Length; column++)
            {
                if (matrix[row][column])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{column} {row}h1v1h-1z");
                }
            }
        }

        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"QR code of the authenticator key\" width=\"{DisplaySize}\" height=\"{DisplaySize}\" " +
            $"viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }
}
