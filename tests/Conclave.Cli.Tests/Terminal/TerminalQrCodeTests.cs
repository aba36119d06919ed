using Conclave.Cli.Terminal;

namespace Conclave.Cli.Tests.Terminal;

public sealed class TerminalQrCodeTests
{
    private const string Uri = "otpauth://totp/Conclave%3Aadmin%40conclave.test?secret=GJNTYZI55ONW77OPV7FN3NDOGSN57N5E&issuer=Conclave&algorithm=SHA1&digits=6&period=30";

    [Fact]
    public void Render_IsASquareOfHalfBlockLines_WithAQuietZone()
    {
        var lines = TerminalQrCode.Render(Uri).TrimEnd('\n').Split('\n');
        var width = lines[0].Length;

        // ISO/IEC 18004: a version-V symbol is 17 + 4V modules wide, plus a 4-module quiet zone on each side.
        Assert.Equal(0, (width - 8 - 17) % 4);
        Assert.InRange(width, 8 + 21, 8 + 177);
        Assert.All(lines, l => Assert.Equal(width, l.Length));
        Assert.Equal((width + 1) / 2, lines.Length);
        Assert.All(lines, l => Assert.Matches("^[█▀▄ ]+$", l));
        // The quiet zone is light: the first two lines and the first two columns are solid.
        Assert.Equal(new string('█', width), lines[0]);
        Assert.All(lines.Take(lines.Length - 1), l => Assert.Equal("██", l[..2]));
    }

    [Fact]
    public void Render_TopLeftFinderPattern_IsDarkWithALightRing()
    {
        var lines = TerminalQrCode.Render(Uri).Split('\n');

        // Line 2 holds module rows 4 and 5: the finder's dark top edge over its dark-light-dark second row.
        Assert.Equal(" ▄▄▄▄▄ ", lines[2].Substring(4, 7));
        Assert.Equal('█', lines[2][11]);
    }
}
