using System.Net;
using Conclave.Client.Media;
using Conclave.Server.Media;

namespace Conclave.Server.Tests.Media;

/// <summary>A .NET media endpoint on loopback that offers to the processor as a device of a standard call does.</summary>
internal sealed class MediaDevice : IAsyncDisposable
{
    private MediaDevice(MediaEndpoint endpoint, MediaLegKey key)
    {
        Endpoint = endpoint;
        Key = key;
    }

    public MediaEndpoint Endpoint { get; }

    public MediaLegKey Key { get; }

    public static MediaDevice Create(Guid callId, string name, double tone) => new(
        MediaEndpoint.Create(new MediaEndpointOptions
        {
            AddressFilter = address => address.Equals(IPAddress.Loopback),
            ToneFrequency = tone,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            RtcpInterval = TimeSpan.FromMilliseconds(200),
        }),
        new MediaLegKey(callId, "connection-" + name, "device-" + name, "user-" + name, name + "@conclave.test"));

    /// <summary>Offers (optionally rewritten), applies the processor's answer; returns the refusal, if any.</summary>
    public async Task<MediaRefusal?> OfferAsync(MediaProcessor processor, Func<string, string>? rewrite = null)
    {
        var offer = await Endpoint.CreateOfferAsync(CancellationToken.None);
        string? answer = null;
        var refusal = await processor.OpenLegAsync(Key, rewrite?.Invoke(offer) ?? offer, a =>
        {
            answer = a;
            return Task.CompletedTask;
        }, CancellationToken.None);
        if (refusal is null)
        {
            Endpoint.ApplyAnswer(answer!);
        }

        return refusal;
    }

    public ValueTask DisposeAsync() => Endpoint.DisposeAsync();
}
