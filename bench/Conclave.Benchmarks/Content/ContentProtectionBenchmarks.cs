using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Conclave.Server.Content;

namespace Conclave.Benchmarks.Content;

/// <summary>
/// Protect and unprotect of a 1 KB message body, as the chat does for every message written and read, and
/// the per-container key derivation alone (one HKDF-Expand over an info of the same size), which is all that a
/// cache of derived keys could save.
/// </summary>
[MemoryDiagnoser]
public class ContentProtectionBenchmarks
{
    private static readonly ContentScope Scope = new("contoso", "chat", Guid.Parse("0b6c3a9e-45d2-4f31-9a57-1f0c2f8c7e11"), Guid.Parse("5f1b8a2d-6c3e-4d7a-8b9f-2e4a6c8d0f13"));

    private readonly byte[] _body = new byte[1024];
    private readonly byte[] _pseudorandomKey = new byte[32];
    private readonly byte[] _derivedKey = new byte[32];

    /// <summary>"conclave-content-key-v1" ‖ tenant ‖ kind ‖ container id: 23 + 18 + 12 + 16 bytes.</summary>
    private readonly byte[] _info = new byte[69];

    private SoftwareContentProtector _protector = null!;
    private byte[] _protected = [];

    [GlobalSetup]
    public void Setup()
    {
        RandomNumberGenerator.Fill(_body);
        RandomNumberGenerator.Fill(_pseudorandomKey);
        RandomNumberGenerator.Fill(_info);
        _protector = new SoftwareContentProtector(RandomNumberGenerator.GetBytes(32));
        _protected = _protector.Protect(Scope, _body);
    }

    [GlobalCleanup]
    public void Cleanup() => _protector.Dispose();

    [Benchmark]
    public byte[] Protect1KB() => _protector.Protect(Scope, _body);

    [Benchmark]
    public byte[] Unprotect1KB() => _protector.Unprotect(Scope, _protected);

    [Benchmark]
    public byte[] DeriveContainerKey()
    {
        HKDF.Expand(HashAlgorithmName.SHA256, _pseudorandomKey, _derivedKey, _info);
        return _derivedKey;
    }
}
