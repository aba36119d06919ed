using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Conclave.Server.Relay;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Server.Tests.Relay;

public sealed class TurnCredentialsTests
{
    [Theory]
    [InlineData("SHA256", "sha256")]
    [InlineData("SHA1", "sha1")]
    public async Task Create_PasswordIsBase64HmacOfUsername_AsOpenSslComputesIt(string algorithm, string openSslDigest)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var credentials = TurnCredentials.Create("user-42", TimeSpan.FromMinutes(30), "s3cret", time, ["turn:127.0.0.1:3478?transport=udp"],
            new HashAlgorithmName(algorithm));

        var expected = await OpenSslHmacBase64Async(credentials.Username, "s3cret", openSslDigest);

        Assert.Equal(time.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ":user-42", credentials.Username);
        Assert.Equal(expected, credentials.Password);
        Assert.Equal(TimeSpan.FromMinutes(30), credentials.Ttl);
        Assert.Equal("turn:127.0.0.1:3478?transport=udp", Assert.Single(credentials.Uris));
    }

    [Theory]
    [InlineData("1700000000:bob", true, 1700000000L, "bob")]
    [InlineData("1700000000:bob:extra", true, 1700000000L, "bob:extra")]
    [InlineData("bob", false, 0L, "")]
    [InlineData(":bob", false, 0L, "")]
    [InlineData("-5:bob", false, 0L, "")]
    [InlineData("17x:bob", false, 0L, "")]
    [InlineData("1700000000:", false, 0L, "")]
    public void TryParseUsername_AcceptsOnlyExpiryColonUser(string username, bool ok, long expiry, string userId)
    {
        Assert.Equal(ok, TurnCredentials.TryParseUsername(username, out var parsedExpiry, out var parsedUser));
        if (ok)
        {
            Assert.Equal(expiry, parsedExpiry);
            Assert.Equal(userId, parsedUser);
        }
    }

    [Fact]
    public void Create_UserIdWithColon_IsRejected() =>
        Assert.Throws<ArgumentException>(() => TurnCredentials.Create("a:b", TimeSpan.FromMinutes(1), "s", TimeProvider.System));

    private static async Task<string> OpenSslHmacBase64Async(string data, string key, string digest)
    {
        var info = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "dgst", "-" + digest, "-hmac", key, "-binary" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(data);
        process.StandardInput.Close();
        using var memory = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(memory);
        await process.WaitForExitAsync();
        return Convert.ToBase64String(memory.ToArray());
    }
}
