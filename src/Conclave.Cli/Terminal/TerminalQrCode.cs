using System.Text;
using QRCoder;

namespace Conclave.Cli.Terminal;

/// <summary>
/// Draws a QR code with Unicode half blocks, two module rows per text line, so an authenticator app can scan the
/// <c>otpauth://</c> URI off the screen. Light modules are drawn and dark ones left blank, which reads correctly
/// on the usual dark terminal background; the quiet zone is part of the matrix.
/// </summary>
internal static class TerminalQrCode
{
    public static string Render(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.L);
        var matrix = data.ModuleMatrix;
        var output = new StringBuilder();
        for (var row = 0; row < matrix.Count; row += 2)
        {
            for (var column = 0; column < matrix[row].Length; column++)
            {
                var top = !matrix[row][column];
                var bottom = row + 1 < matrix.Count && !matrix[row + 1][column];
                output.Append((top, bottom) switch
                {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    _ => ' ',
                });
            }
            output.Append('\n');
        }
        return output.ToString();
    }
}
