using System.Net;
using Conclave.Client.Media;
using Microsoft.Extensions.Logging;

namespace Conclave.Client.Calls;

/// <summary>Settings of a <see cref="CallClient"/>: how the device presents itself and how its media legs are made.</summary>
public sealed class CallClientOptions
{
    /// <summary>A name for this device, shown nowhere secret. Default the machine name.</summary>
    public string DeviceName { get; init; } = Environment.MachineName;

    /// <summary>Whether this device can make end-to-end encrypted calls. Default true (it runs <see cref="MediaEndpoint"/>).</summary>
    public bool E2eeCapable { get; init; } = true;

    /// <summary>Interface addresses for host candidates; all by default. Tests pass loopback only.</summary>
    public Func<IPAddress, bool> AddressFilter { get; init; } = static _ => true;

    /// <summary>Tone sent when <see cref="AudioSource"/> is null, Hz. Default 440.</summary>
    public double ToneFrequency { get; init; } = MediaEndpointOptions.DefaultToneFrequency;

    /// <summary>What to send (e.g. a <see cref="WavSource"/>); a tone when null.</summary>
    public IAudioSource? AudioSource { get; init; }

    /// <summary>Use only relayed candidates (through the per-call TURN servers). Default false.</summary>
    public bool RelayOnly { get; init; }

    /// <summary>RTCP report interval of the media leg. Default 5 s.</summary>
    public TimeSpan RtcpInterval { get; init; } = MediaEndpointOptions.DefaultRtcpInterval;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the device's registration and its calls are logged (ids and codes only). Default none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
