using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Conclave.Protocols.Security;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// The web app's security code (web/src/calls/securityCode.ts, compiled by the app's own TypeScript and run
/// by node with the same WebCrypto the browser has) against the vectors of docs/security-code.md and against
/// <see cref="SecurityCode"/>.
/// </summary>
[Trait("Category", "Browser")]
public sealed class SecurityCodeScriptTests
{
    private static readonly string WebDirectory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(CallPageDriver.E2eDirectory)!, "..", "web"));

    private static readonly string Script = Path.Combine(WebDirectory, "src", "calls", "securityCode.ts");

    /// <summary>Node runs JavaScript: the module is compiled with web/node_modules/typescript first, then imported.</summary>
    private static string ImportModule() => $$"""
        import ts from '{{new Uri(Path.Combine(WebDirectory, "node_modules", "typescript", "lib", "typescript.js"))}}';
        import { readFileSync } from 'node:fs';
        const compiled = ts.transpileModule(readFileSync({{System.Text.Json.JsonSerializer.Serialize(Script)}}, 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        }).outputText;
        const { securityCode, sdpFingerprint } = await import('data:text/javascript;base64,' + Buffer.from(compiled).toString('base64'));
        """;

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "83126 97611 08521 09075")]
    [InlineData("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf", "93682 32527 53015 25937")]
    [InlineData("2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90", "81b637d8fcd2c6da6359e6963113a1170de795e4b725b84d1e0b4cfd9ec58ce9", "69027 07549 15228 70425")]
    [InlineData("1111111111111111111111111111111111111111111111111111111111111111", "1111111111111111111111111111111111111111111111111111111111111111", "37078 43642 02498 90077")]
    [InlineData("39d97c0f8d3db2b9575e1b37e6d3942f95ddd3af48e55f835ceff84ff37824a5", "16767d1f7afeeb6fd3828ef4157be119196828345569c665c907eadf561fd146", "59409 11842 65936 01182")]
    public async Task PageCode_DocumentedVectors_InBothOrders(string a, string b, string expected)
    {
        var codes = await RunAsync([(Colons(a), Colons(b)), (Colons(b), Colons(a))]);

        Assert.Equal([expected, expected], codes);
    }

    [Fact]
    public async Task PageCode_RandomFingerprints_MatchesTheServerSideImplementation()
    {
        var pairs = Enumerable.Range(0, 50).Select(_ => (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32))).ToList();

        var codes = await RunAsync([.. pairs.Select(p => (Colons(Convert.ToHexString(p.Item1)), Colons(Convert.ToHexString(p.Item2))))]);

        Assert.Equal(pairs.Select(p => SecurityCode.Compute(p.Item1, p.Item2)), codes);
    }

    [Theory]
    [InlineData("v=0\r\na=fingerprint:sha-256 ab:CD:" + "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00\r\n", "AB:CD:00")]
    [InlineData("v=0\r\na=fingerprint:sha-1 AB:CD:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00\r\n", "null")]
    [InlineData("v=0\r\na=fingerprint:sha-256 AB:CD\r\n", "null")]
    public async Task SdpFingerprint_ReadsOnlyAWholeSha256Line(string sdp, string expectedStart)
    {
        var output = await NodeAsync($$"""
            {{ImportModule()}}
            console.log(String(sdpFingerprint({{System.Text.Json.JsonSerializer.Serialize(sdp)}})));
            """);

        Assert.StartsWith(expectedStart, output.Trim(), StringComparison.Ordinal);
    }

    private static string Colons(string hex) =>
        string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(2 * i, 2).ToUpper(CultureInfo.InvariantCulture)));

    private static async Task<string[]> RunAsync(IReadOnlyList<(string A, string B)> pairs)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(pairs.Select(p => new[] { p.A, p.B }));
        var output = await NodeAsync($$"""
            {{ImportModule()}}
            for (const [a, b] of {{json}}) console.log(await securityCode(a, b));
            """);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static async Task<string> NodeAsync(string module)
    {
        var start = new ProcessStartInfo("node", ["--input-type=module", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        await node.StandardInput.WriteAsync(module);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, await error);
        return await output;
    }
}
