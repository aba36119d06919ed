using Conclave.Server.Identity;
using CsCheck;

namespace Conclave.Server.Tests.Identity;

public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/connect/verify?user_code=WDJB-MJHT")]
    [InlineData("/connect/authorize?client_id=conclave-web&redirect_uri=https%3A%2F%2F127.0.0.1%3A8443%2Fapp%2Fcallback&state=s")]
    [InlineData("/call/#section")]
    [InlineData("/%2F%2Fevil.example/x")]
    [InlineData("/%09/evil.example/x")]
    public void TryNormalize_LocalPath_IsKept(string url)
    {
        Assert.True(LocalReturnUrl.TryNormalize(url, out var path));
        Assert.Equal(url, path);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("evil.example/x")]
    [InlineData("https://evil.example/x")]
    [InlineData("javascript:alert(1)")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example/x")]
    [InlineData("\\\\evil.example/x")]
    [InlineData("/x\\..\\\\evil.example")]
    [InlineData("/\t/evil.example/x")]
    [InlineData("/\n/evil.example/x")]
    [InlineData("/\r/evil.example/x")]
    [InlineData("/x\r\nSet-Cookie: a=b")]
    [InlineData(" //evil.example/x")]
    [InlineData("\t//evil.example/x")]
    [InlineData("/ /evil.example/x")]
    [InlineData("/x\0")]
    [InlineData("/x\u007f")]
    [InlineData("/x\u0085")]
    [InlineData("/\u2028/evil.example")]
    [InlineData("/\u00a0/evil.example")]
    [InlineData("/caf\u00e9")]
    public void TryNormalize_HostileOrForeignUrl_IsRefused(string? url)
    {
        Assert.False(LocalReturnUrl.TryNormalize(url, out var path));
        Assert.Null(path);
    }

    [Fact]
    public void TryNormalize_AnythingAccepted_StaysOnTheSameOrigin()
    {
        var origin = new Uri("https://conclave.test:8443/");
        Gen.Char["/\\\t\r\n :.%?#@ae\0\u007f\u0085\u2028\u00e9\uff0f"].Array[0, 10].Select(c => new string(c)).Sample(url =>
        {
            if (LocalReturnUrl.TryNormalize(url, out var path))
            {
                Assert.StartsWith("/", path, StringComparison.Ordinal);
                Assert.False(path.Length > 1 && path[1] is '/' or '\\', path);
                Assert.All(path, c => Assert.InRange(c, '!', '~'));
                Assert.DoesNotContain('\\', path);
                var target = new Uri(origin, path);
                Assert.Equal(origin.Authority, target.Authority);
            }
        });
    }
}
