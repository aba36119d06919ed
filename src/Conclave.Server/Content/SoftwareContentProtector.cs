using System.Security.Cryptography;

namespace Conclave.Server.Content;

/// <summary>
/// Content protection under a master key kept in a file of the data folder (<see cref="ContentKeyFile"/>).
/// Each container (tenant, kind, id) has its own AES-256 key, derived with HKDF-SHA256 (RFC 5869); each record
/// is sealed with AES-256-GCM (NIST SP 800-38D) under a fresh random 96-bit nonce, the whole scope as associated
/// data. Format: version (1) ‖ nonce (12) ‖ ciphertext ‖ tag (16).
/// </summary>
/// <remarks>
/// The master key sits next to the database it protects, so this stops a copy of the database (a dump, a
/// backup of the database alone, a PostgreSQL replica) from yielding plaintext, not someone who can read the
/// whole data folder: that needs a key outside the machine (an HSM), which is what <see cref="Description"/>
/// says. Per-container keys keep the random-nonce budget per key (SP 800-38D §8.3: at most 2^32 invocations
/// with random nonces) far above what one chat or file will ever use.
/// </remarks>
public sealed class SoftwareContentProtector : IContentProtector, IDisposable
{
    public const byte Version = 1;

    /// <summary>SP 800-38D §8.2.2: a 96-bit random nonce.</summary>
    public const int NonceLength = 12;

    /// <summary>SP 800-38D §5.2.1.2: the full 128-bit tag.</summary>
    public const int TagLength = 16;

    public const int HeaderLength = 1 + NonceLength;

    /// <summary>What protection adds to the plaintext: the header and the tag.</summary>
    public const int Overhead = HeaderLength + TagLength;

    /// <summary>
    /// The longest tenant id or container kind accepted, in UTF-16 code units: far above any real one
    /// (they are identifiers), and it keeps the encoded scope small enough for the stack.
    /// </summary>
    public const int MaxScopeStringLength = 256;

    /// <summary>
    /// Containers whose derived key is kept: enough for the chats active at once on a busy server. Past it the
    /// cache is emptied (its keys zeroed) and refills; a miss costs one HKDF-Expand, about a microsecond.
    /// </summary>
    public const int DefaultDerivedKeyCacheCapacity = 1024;

    private const int KeyLength = ContentKeyFile.KeyLength;

    private readonly Lock _gate = new();
    private readonly byte[] _pseudorandomKey = GC.AllocateArray<byte>(KeyLength, pinned: true);
    private readonly Dictionary<ContainerId, byte[]> _derivedKeys = [];
    private readonly int _derivedKeyCacheCapacity;
    private bool _disposed;

    /// <param name="masterKey">32 bytes; copied, so the caller may zero its own.</param>
    /// <param name="derivedKeyCacheCapacity">Containers whose key is kept; 0 derives it at every call.</param>
    public SoftwareContentProtector(ReadOnlySpan<byte> masterKey, int derivedKeyCacheCapacity = DefaultDerivedKeyCacheCapacity)
    {
        if (masterKey.Length != KeyLength)
        {
            throw new ArgumentException($"The content master key must be {KeyLength} bytes.", nameof(masterKey));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(derivedKeyCacheCapacity);
        _derivedKeyCacheCapacity = derivedKeyCacheCapacity;
        // RFC 5869 §2.2: the extract step depends on the master key alone, so it runs once; each container's
        // key is then one expand step. No salt: the master key is already uniformly random (§3.1).
        HKDF.Extract(HashAlgorithmName.SHA256, masterKey, salt: [], _pseudorandomKey);
    }

    /// <summary>The protector over <c>&lt;data&gt;/keys/content.key</c>, made at first start; see <see cref="ContentKeyFile"/>.</summary>
    public static SoftwareContentProtector Open(string dataPath)
    {
        var masterKey = ContentKeyFile.LoadOrCreate(dataPath);
        try
        {
            return new SoftwareContentProtector(masterKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(masterKey);
        }
    }

    public string Description => "software key file (not an HSM)";

    public byte[] Protect(ContentScope scope, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!IsEncodable(scope))
        {
            throw new ArgumentException($"A content scope needs a tenant id and a container kind of at most {MaxScopeStringLength} characters.", nameof(scope));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(plaintext.Length, Array.MaxLength - Overhead);
        var output = new byte[Overhead + plaintext.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> associatedData = stackalloc byte[ContentScopeEncoding.RecordAssociatedDataLength(scope)];
        ContentScopeEncoding.RecordAssociatedData(scope, Version, associatedData);
        Span<byte> key = stackalloc byte[KeyLength];
        try
        {
            ContainerKey(scope, key);
            using var aes = new AesGcm(key, TagLength);
            aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderLength, plaintext.Length), output.AsSpan(HeaderLength + plaintext.Length), associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return output;
    }

    public byte[] Unprotect(ContentScope scope, ReadOnlySpan<byte> protectedContent)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (protectedContent.Length < Overhead)
        {
            throw new ContentUnreadableException($"Protected content is {protectedContent.Length} bytes, shorter than the {Overhead} of its header and tag.");
        }

        if (protectedContent[0] != Version)
        {
            throw new ContentUnreadableException($"Protected content has format version {protectedContent[0]}, which this server does not know.");
        }

        if (!IsEncodable(scope))
        {
            // Protect refuses such a scope, so nothing was ever protected under it.
            throw new ContentUnreadableException("The content scope is not one content is protected under.");
        }

        var nonce = protectedContent.Slice(1, NonceLength);
        var ciphertext = protectedContent[HeaderLength..^TagLength];
        var tag = protectedContent[^TagLength..];
        Span<byte> associatedData = stackalloc byte[ContentScopeEncoding.RecordAssociatedDataLength(scope)];
        ContentScopeEncoding.RecordAssociatedData(scope, Version, associatedData);
        var plaintext = new byte[ciphertext.Length];
        Span<byte> key = stackalloc byte[KeyLength];
        try
        {
            ContainerKey(scope, key);
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            return plaintext;
        }
        catch (CryptographicException)
        {
            // SP 800-38D §7.2: on a tag mismatch nothing of the plaintext is released.
            CryptographicOperations.ZeroMemory(plaintext);
            throw new ContentUnreadableException("Protected content does not decrypt under this scope: it was altered, or it belongs to another record.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Zeroes the key material; the protector cannot be used after.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            CryptographicOperations.ZeroMemory(_pseudorandomKey);
            ForgetDerivedKeys();
        }
    }

    private static bool IsEncodable(ContentScope scope) =>
        scope.TenantId is { Length: <= MaxScopeStringLength } && scope.ContainerKind is { Length: <= MaxScopeStringLength };

    /// <summary>
    /// The container's key into <paramref name="key"/>, from the cache or derived. Under one lock, so that
    /// <see cref="Dispose"/> or an eviction never zeroes a key while it is being copied.
    /// </summary>
    private void ContainerKey(ContentScope scope, Span<byte> key)
    {
        var container = new ContainerId(scope.TenantId, scope.ContainerKind, scope.ContainerId);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_derivedKeys.TryGetValue(container, out var cached))
            {
                cached.CopyTo(key);
                return;
            }

            Span<byte> info = stackalloc byte[ContentScopeEncoding.ContainerInfoLength(scope)];
            ContentScopeEncoding.ContainerInfo(scope, info);
            HKDF.Expand(HashAlgorithmName.SHA256, _pseudorandomKey, key, info);
            if (_derivedKeyCacheCapacity == 0)
            {
                return;
            }

            if (_derivedKeys.Count >= _derivedKeyCacheCapacity)
            {
                ForgetDerivedKeys();
            }

            var kept = GC.AllocateArray<byte>(KeyLength, pinned: true);
            key.CopyTo(kept);
            _derivedKeys.Add(container, kept);
        }
    }

    private void ForgetDerivedKeys()
    {
        foreach (var derived in _derivedKeys.Values)
        {
            CryptographicOperations.ZeroMemory(derived);
        }

        _derivedKeys.Clear();
    }

    private readonly record struct ContainerId(string TenantId, string ContainerKind, Guid Id);
}
