using Conclave.Client.Media;
using Conclave.Protocols.Dtls;

namespace Conclave.Client.Tests.Media;

/// <summary>Two endpoints over real UDP on 127.0.0.1: ICE, DTLS-SRTP in each role, PCMU both ways.</summary>
public sealed class MediaEndpointLoopbackTests
{
    private const double OffererTone = 440;
    private const double AnswererTone = 1000;

    [Theory]
    [InlineData(DtlsSetup.Active, DtlsRole.Server)]
    [InlineData(DtlsSetup.Passive, DtlsRole.Client)]
    public async Task Call_BothDtlsRoles_CarriesEachSidesToneAndAgreesOnSecurityCode(DtlsSetup answerSetup, DtlsRole offererRole)
    {
        using var cts = new CancellationTokenSource(CallPair.Deadline);
        await using var offerer = MediaEndpoint.Create(CallPair.LoopbackOptions(OffererTone));
        await using var answerer = MediaEndpoint.Create(new MediaEndpointOptions
        {
            AddressFilter = CallPair.LoopbackOptions(0.1).AddressFilter,
            ToneFrequency = AnswererTone,
            AnswerSetup = answerSetup,
            RtcpInterval = TimeSpan.FromMilliseconds(200),
        });

        await CallPair.NegotiateAsync(offerer, answerer, cts.Token);
        await CallPair.ConnectAsync(offerer, answerer, cts.Token);

        Assert.Equal(offererRole, offerer.DtlsRole);
        Assert.NotEqual(offerer.DtlsRole, answerer.DtlsRole);
        Assert.True(await CallPair.EventuallyAsync(() => offerer.ToneDetected(AnswererTone) && answerer.ToneDetected(OffererTone)),
            $"offerer heard {offerer.TonePowerRatio(AnswererTone):F3}, answerer heard {answerer.TonePowerRatio(OffererTone):F3}");

        // Each side hears the other's tone and not its own.
        Assert.False(offerer.ToneDetected(OffererTone));
        Assert.False(answerer.ToneDetected(AnswererTone));

        Assert.NotNull(offerer.SecurityCode);
        Assert.Matches("^[0-9]{5} [0-9]{5} [0-9]{5} [0-9]{5}$", offerer.SecurityCode);
        Assert.Equal(offerer.SecurityCode, answerer.SecurityCode);
        Assert.Equal(offerer.LocalFingerprint, answerer.RemoteFingerprint);
        Assert.Equal(answerer.LocalFingerprint, offerer.RemoteFingerprint);
        Assert.Equal(offerer.SrtpProfile, answerer.SrtpProfile);
    }

    [Fact]
    public async Task Call_OnLoopback_CountsPacketsWithoutLossAndExchangesRtcp()
    {
        using var cts = new CancellationTokenSource(CallPair.Deadline);
        await using var offerer = MediaEndpoint.Create(CallPair.LoopbackOptions(OffererTone));
        await using var answerer = MediaEndpoint.Create(CallPair.LoopbackOptions(AnswererTone));
        await CallPair.NegotiateAsync(offerer, answerer, cts.Token);
        await CallPair.ConnectAsync(offerer, answerer, cts.Token);

        Assert.True(await CallPair.EventuallyAsync(() =>
            answerer.GetStatistics() is { PacketsReceived: >= 25, RtcpReceived: >= 2 } &&
            offerer.GetStatistics() is { PacketsReceived: >= 25, RtcpReceived: >= 2 }));

        MediaStatistics received = answerer.GetStatistics();
        MediaStatistics sent = offerer.GetStatistics();
        Assert.Equal(0, received.PacketsLost);
        Assert.Equal(0, received.PacketsRejected);
        Assert.Equal(160 * received.PacketsReceived, received.BytesReceived);
        Assert.True(sent.PacketsSent >= received.PacketsReceived);
        Assert.Equal(160 * sent.PacketsSent, sent.BytesSent);

        // The jitter is reported in timestamp units (RFC 3550 §6.4.1), and its arithmetic is checked exactly by
        // Rfc3550ReceptionStatisticsTests. Here the bound only catches a unit error (ticks, or a clock other
        // than the 8 kHz media clock, give values thousands of times larger): the scheduling delays of a busy
        // machine reach tens of milliseconds, so it allows up to one second (8,000 units), not a packet time.
        Assert.InRange(received.JitterTimestampUnits, 0, 8000);
    }

    [Fact]
    public async Task Connect_OfferFingerprintTampered_FailsWithFingerprintMismatch()
    {
        using var cts = new CancellationTokenSource(CallPair.Deadline);
        await using var offerer = MediaEndpoint.Create(CallPair.LoopbackOptions(OffererTone));
        await using var answerer = MediaEndpoint.Create(CallPair.LoopbackOptions(AnswererTone));
        using var other = DtlsCertificate.Generate();

        // A signalling path that swaps the offerer's fingerprint for one of its own certificate.
        await CallPair.NegotiateAsync(offerer, answerer, cts.Token,
            offer => offer.Replace(offerer.LocalFingerprint.ToSdpValue(), other.Fingerprint.ToSdpValue(), StringComparison.Ordinal));

        Task offererConnect = offerer.ConnectAsync(cts.Token);
        var failure = await Assert.ThrowsAsync<MediaCallException>(() => answerer.ConnectAsync(cts.Token));
        Assert.Equal(MediaCallError.FingerprintMismatch, failure.Error);
        Assert.Equal(DtlsSrtpError.FingerprintMismatch, failure.DtlsError);
        Assert.Null(answerer.SecurityCode);

        // The offerer's handshake is aborted too: no keys on either side.
        var offererFailure = await Assert.ThrowsAsync<MediaCallException>(() => offererConnect);
        Assert.NotEqual(MediaCallError.None, offererFailure.Error);
        Assert.Null(offerer.SecurityCode);
    }

    [Fact]
    public async Task Close_SendsCloseNotify_PeerSeesRemoteClose()
    {
        using var cts = new CancellationTokenSource(CallPair.Deadline);
        await using var offerer = MediaEndpoint.Create(CallPair.LoopbackOptions(OffererTone));
        await using var answerer = MediaEndpoint.Create(CallPair.LoopbackOptions(AnswererTone));
        var remoteClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        answerer.RemoteClosed += () => remoteClosed.TrySetResult();
        await CallPair.NegotiateAsync(offerer, answerer, cts.Token);
        await CallPair.ConnectAsync(offerer, answerer, cts.Token);

        await offerer.CloseAsync(cts.Token);
        await remoteClosed.Task.WaitAsync(cts.Token);
        Assert.True(remoteClosed.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task CreateAnswer_OfferWithoutPcmu_FailsWithNoCommonCodec()
    {
        using var cts = new CancellationTokenSource(CallPair.Deadline);
        await using var offerer = MediaEndpoint.Create(CallPair.LoopbackOptions(OffererTone));
        await using var answerer = MediaEndpoint.Create(CallPair.LoopbackOptions(AnswererTone));
        string offer = await offerer.CreateOfferAsync(cts.Token);
        string opusOnly = offer
            .Replace("UDP/TLS/RTP/SAVPF 0", "UDP/TLS/RTP/SAVPF 111", StringComparison.Ordinal)
            .Replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:111 opus/48000/2", StringComparison.Ordinal);

        var failure = await Assert.ThrowsAsync<MediaCallException>(() => answerer.CreateAnswerAsync(opusOnly, cts.Token));
        Assert.Equal(MediaCallError.NoCommonCodec, failure.Error);
    }
}
