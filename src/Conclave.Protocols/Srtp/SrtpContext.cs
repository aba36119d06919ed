using System.Buffers.Binary;
using Conclave.Protocols.Rtp;

namespace Conclave.Protocols.Srtp;

/// <summary>
/// An SRTP/SRTCP cryptographic context (RFC 3711 §3.2) for one master key: protects and unprotects
/// RTP and RTCP packets in place in the caller's buffer, without allocating per packet once an SSRC
/// has been seen. Sending and receiving keep separate per-SSRC state (ROC, SRTCP index, replay
/// window), so one context can serve one direction of a DTLS-SRTP association; DTLS-SRTP makes one
/// context from the local key and one from the peer's. Not thread-safe: use one thread per context.
/// </summary>
public sealed class SrtpContext : IDisposable
{
    /// <summary>Largest packet accepted: RTP over UDP or RFC 4571 framing never exceeds 16-bit lengths.</summary>
    public const int MaxPacketLength = 65535;

    private const int RtcpHeaderLength = 8;
    private const int RtcpIndexWordLength = 4;
    private const uint MaxRtcpIndex = 0x7FFF_FFFF;

    private readonly SrtpCipher _cipher;
    private readonly SrtpContextOptions _options;
    private readonly Dictionary<uint, SrtpStreamState> _rtpSend = [];
    private readonly Dictionary<uint, SrtpStreamState> _rtpReceive = [];
    private readonly Dictionary<uint, SrtpStreamState> _rtcpSend = [];
    private readonly Dictionary<uint, SrtpStreamState> _rtcpReceive = [];
    private bool _disposed;

    /// <summary>
    /// Derives the session keys (RFC 3711 §4.3, key derivation rate 0) from a master key and salt,
    /// e.g. one half of the DTLS-SRTP exporter output (RFC 5764 §4.2).
    /// </summary>
    /// <exception cref="ArgumentException">The key or salt length does not fit <paramref name="profile"/>.</exception>
    public SrtpContext(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, SrtpContextOptions? options = null)
    {
        if (!profile.IsSupported())
        {
            throw new ArgumentOutOfRangeException(nameof(profile), profile, "unsupported SRTP profile");
        }

        if (masterKey.Length != profile.MasterKeyLength())
        {
            throw new ArgumentException($"{profile} needs a {profile.MasterKeyLength()}-byte master key", nameof(masterKey));
        }

        if (masterSalt.Length != profile.MasterSaltLength())
        {
            throw new ArgumentException($"{profile} needs a {profile.MasterSaltLength()}-byte master salt", nameof(masterSalt));
        }

        using var keys = SrtpSessionKeys.Derive(profile, masterKey, masterSalt);
        (Profile, _options, _cipher) = Create(profile, keys, options);
    }

    private SrtpContext(SrtpProfile profile, SrtpSessionKeys sessionKeys, SrtpContextOptions? options) =>
        (Profile, _options, _cipher) = Create(profile, sessionKeys, options);

    public SrtpProfile Profile { get; }

    /// <summary>A context from session keys directly, for the RFC known-answer tests that start there.</summary>
    internal static SrtpContext FromSessionKeys(SrtpProfile profile, SrtpSessionKeys sessionKeys, SrtpContextOptions? options = null) =>
        new(profile, sessionKeys, options);

    /// <summary>
    /// Protects the RTP packet in <c>buffer[..length]</c> in place (RFC 3711 §3.3): encrypts the payload
    /// and appends the tag, so the buffer needs <see cref="SrtpProfiles.RtpOverhead"/> spare bytes.
    /// </summary>
    public SrtpError TryProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (CheckLength(buffer, length) is var lengthError and not SrtpError.None)
        {
            return lengthError;
        }

        if (!RtpHeaderLength.TryRead(buffer[..length], out var headerLength, out var headerError))
        {
            return headerError;
        }

        if (length + _cipher.RtpTagLength > buffer.Length)
        {
            return SrtpError.BufferTooSmall;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        var seq = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        ulong index = seq;
        if (_rtpSend.TryGetValue(ssrc, out var state))
        {
            index = SrtpIndex.Estimate(state.Highest, seq);
        }
        else if (_rtpSend.Count >= _options.MaxSsrcs)
        {
            return SrtpError.TooManySsrcs;
        }

        if (index > SrtpIndex.Max)
        {
            return SrtpError.KeyExhausted;
        }

        if (state is null)
        {
            state = new SrtpStreamState(_options.ReplayWindowSize) { Highest = index };
            _rtpSend.Add(ssrc, state);
        }
        else if (index > state.Highest)
        {
            state.Highest = index;
        }

        protectedLength = _cipher.ProtectRtp(buffer, headerLength, length, ssrc, index);
        return SrtpError.None;
    }

    /// <summary>
    /// Verifies and decrypts the SRTP packet in <c>buffer[..length]</c> in place (RFC 3711 §3.3): estimates
    /// the ROC, checks the replay window, verifies the tag in constant time, decrypts, and only then
    /// moves the ROC and window. <paramref name="unprotectedLength"/> excludes the tag.
    /// </summary>
    public SrtpError TryUnprotectRtp(Span<byte> buffer, int length, out int unprotectedLength)
    {
        unprotectedLength = 0;
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (CheckLength(buffer, length) is var lengthError and not SrtpError.None)
        {
            return lengthError;
        }

        var authenticatedLength = length - _cipher.RtpTagLength;
        if (authenticatedLength < RtpHeaderLength.Fixed)
        {
            return SrtpError.Truncated;
        }

        if (!RtpHeaderLength.TryRead(buffer[..authenticatedLength], out var headerLength, out var headerError))
        {
            return headerError;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        var seq = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        ulong index = seq;
        if (_rtpReceive.TryGetValue(ssrc, out var state))
        {
            index = SrtpIndex.Estimate(state.Highest, seq);
            if (index > SrtpIndex.Max)
            {
                return SrtpError.KeyExhausted;
            }

            if (state.Window.Check(index) is var replay and not SrtpError.None)
            {
                return replay;
            }
        }
        else if (_rtpReceive.Count >= _options.MaxSsrcs)
        {
            return SrtpError.TooManySsrcs;
        }

        if (!_cipher.UnprotectRtp(buffer, headerLength, length, ssrc, index))
        {
            return SrtpError.AuthenticationFailed;
        }

        // RFC 3711 §3.3.1: ROC and s_l are updated only after the packet authenticated.
        if (state is null)
        {
            state = new SrtpStreamState(_options.ReplayWindowSize) { Highest = index };
            _rtpReceive.Add(ssrc, state);
        }
        else if (index > state.Highest)
        {
            state.Highest = index;
        }

        state.Window.Accept(index);
        unprotectedLength = authenticatedLength;
        return SrtpError.None;
    }

    /// <summary>
    /// Protects the (compound) RTCP packet in <c>buffer[..length]</c> in place (RFC 3711 §3.4), appending
    /// the E-bit, SRTCP index and tag: the buffer needs <see cref="SrtpProfiles.RtcpOverhead"/> spare bytes.
    /// </summary>
    public SrtpError TryProtectRtcp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (CheckRtcp(buffer, length) is var headerError and not SrtpError.None)
        {
            return headerError;
        }

        if (length + RtcpIndexWordLength + _cipher.RtcpTagLength > buffer.Length)
        {
            return SrtpError.BufferTooSmall;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        if (!_rtcpSend.TryGetValue(ssrc, out var state))
        {
            if (_rtcpSend.Count >= _options.MaxSsrcs)
            {
                return SrtpError.TooManySsrcs;
            }

            state = new SrtpStreamState(_options.ReplayWindowSize);
            _rtcpSend.Add(ssrc, state);
        }

        // RFC 3711 §9.2: the SRTCP index is 31 bits; once used up the master key must not be used again.
        if (state.NextRtcpIndex > MaxRtcpIndex)
        {
            return SrtpError.KeyExhausted;
        }

        var index = state.NextRtcpIndex++;
        protectedLength = _cipher.ProtectRtcp(buffer, length, ssrc, index);
        return SrtpError.None;
    }

    /// <summary>
    /// Verifies and decrypts the SRTCP packet in <c>buffer[..length]</c> in place (RFC 3711 §3.4);
    /// <paramref name="unprotectedLength"/> excludes the index word and tag.
    /// </summary>
    public SrtpError TryUnprotectRtcp(Span<byte> buffer, int length, out int unprotectedLength)
    {
        unprotectedLength = 0;
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (CheckLength(buffer, length) is var lengthError and not SrtpError.None)
        {
            return lengthError;
        }

        if (length < RtcpHeaderLength + RtcpIndexWordLength + _cipher.RtcpTagLength)
        {
            return SrtpError.Truncated;
        }

        if ((buffer[0] >> 6) != 2)
        {
            return SrtpError.MalformedHeader;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        var indexWord = BinaryPrimitives.ReadUInt32BigEndian(buffer[_cipher.RtcpIndexOffset(length)..]);
        ulong index = indexWord & MaxRtcpIndex;
        var known = _rtcpReceive.TryGetValue(ssrc, out var state);
        if (known && state!.Window.Check(index) is var replay and not SrtpError.None)
        {
            return replay;
        }

        if (!known && _rtcpReceive.Count >= _options.MaxSsrcs)
        {
            return SrtpError.TooManySsrcs;
        }

        if (!_cipher.UnprotectRtcp(buffer, length, ssrc, indexWord, out var plainLength))
        {
            return SrtpError.AuthenticationFailed;
        }

        if (state is null)
        {
            state = new SrtpStreamState(_options.ReplayWindowSize);
            _rtcpReceive.Add(ssrc, state);
        }

        state.Window.Accept(index);
        unprotectedLength = plainLength;
        return SrtpError.None;
    }

    /// <summary>Sets the next SRTCP index sent for <paramref name="ssrc"/>; lets tests line up with another implementation.</summary>
    internal void SetNextRtcpIndex(uint ssrc, uint index)
    {
        if (!_rtcpSend.TryGetValue(ssrc, out var state))
        {
            state = new SrtpStreamState(_options.ReplayWindowSize);
            _rtcpSend.Add(ssrc, state);
        }

        state.NextRtcpIndex = index;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _cipher.Dispose();
        }
    }

    private static (SrtpProfile, SrtpContextOptions, SrtpCipher) Create(SrtpProfile profile, SrtpSessionKeys keys, SrtpContextOptions? options)
    {
        options ??= new SrtpContextOptions();
        options.Validate();
        SrtpCipher cipher = profile.IsAead() ? new AesGcmCipher(keys) : new AesCmHmacSha1Cipher(profile, keys);
        return (profile, options, cipher);
    }

    private static SrtpError CheckLength(ReadOnlySpan<byte> buffer, int length) =>
        length < 0 || length > buffer.Length ? SrtpError.BufferTooSmall
        : length > MaxPacketLength ? SrtpError.PacketTooLarge
        : SrtpError.None;

    private static SrtpError CheckRtcp(ReadOnlySpan<byte> buffer, int length)
    {
        if (CheckLength(buffer, length) is var lengthError and not SrtpError.None)
        {
            return lengthError;
        }

        if (length < RtcpHeaderLength)
        {
            return SrtpError.Truncated;
        }

        return (buffer[0] >> 6) != 2 ? SrtpError.MalformedHeader : SrtpError.None;
    }
}
