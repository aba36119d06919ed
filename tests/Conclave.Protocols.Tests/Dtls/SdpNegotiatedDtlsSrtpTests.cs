using Conclave.Protocols.Dtls;
using Conclave.Protocols.Sdp;
using Conclave.Protocols.Security;

namespace Conclave.Protocols.Tests.Dtls;

/// <summary>
/// The whole WebRTC security path in memory: each side announces its certificate and setup role in
/// SDP (RFC 8842), reads the other's, runs DTLS-SRTP in the role SDP gives it, and both arrive at the
/// same keys and the same security code. A substituted fingerprint in the signaling path is caught.
/// </summary>
public sealed class SdpNegotiatedDtlsSrtpTests
{
    [Fact]
    public async Task OfferAnswer_ThenHandshake_SameKeysAndSameSecurityCode()
    {
        using var alice = DtlsCertificate.Generate();
        using var bob = DtlsCertificate.Generate();
        SessionDescription offer = Describe(alice, DtlsSetup.ActPass);
        SessionDescription answer = Describe(bob, DtlsSetupRoles.AnswerTo(DtlsSetup.ActPass));

        // Each side parses what came over signaling.
        Assert.True(SessionDescription.TryParse(offer.ToString(), out SessionDescription? offerSeenByBob, out _));
        Assert.True(SessionDescription.TryParse(answer.ToString(), out SessionDescription? answerSeenByAlice, out _));
        SdpMediaDescription bobsView = offerSeenByBob!.Media[0];
        SdpMediaDescription alicesView = answerSeenByAlice!.Media[0];
        Assert.True(DtlsSetupRoles.TryResolveLocalRole(DtlsSetup.ActPass, answerSeenByAlice.SetupOf(alicesView)!.Value, out DtlsRole aliceRole));
        Assert.True(DtlsSetupRoles.TryResolveLocalRole(DtlsSetup.Active, offerSeenByBob.SetupOf(bobsView)!.Value, out DtlsRole bobRole));
        Assert.Equal(DtlsRole.Server, aliceRole);
        Assert.Equal(DtlsRole.Client, bobRole);

        var pair = new DtlsChannelPair();
        Task<DtlsSrtpResult> aliceHandshake = DtlsSrtpEndpoint.HandshakeAsync(aliceRole, alice, answerSeenByAlice.FingerprintOf(alicesView)!, pair.A);
        Task<DtlsSrtpResult> bobHandshake = DtlsSrtpEndpoint.HandshakeAsync(bobRole, bob, offerSeenByBob.FingerprintOf(bobsView)!, pair.B);
        DtlsSrtpResult aliceResult = await aliceHandshake;
        DtlsSrtpResult bobResult = await bobHandshake;

        Assert.True(aliceResult.Succeeded && bobResult.Succeeded, $"{aliceResult} / {bobResult}");
        Assert.Equal(aliceResult.Keys!.GetLocal(aliceRole).Key, bobResult.Keys!.GetRemote(bobRole).Key);
        Assert.Equal(bobResult.Keys.GetLocal(bobRole).Salt, aliceResult.Keys.GetRemote(aliceRole).Salt);
        string aliceCode = SecurityCode.Compute(alice.Fingerprint, aliceResult.Session!.RemoteFingerprint);
        string bobCode = SecurityCode.Compute(bob.Fingerprint, bobResult.Session!.RemoteFingerprint);
        Assert.Equal(aliceCode, bobCode);
        await aliceResult.Session.CloseAsync();
        await bobResult.Session.CloseAsync();
    }

    [Fact]
    public async Task FingerprintReplacedInSignaling_HandshakeFailsOnTheSideThatReadIt()
    {
        using var alice = DtlsCertificate.Generate();
        using var bob = DtlsCertificate.Generate();
        using var mallory = DtlsCertificate.Generate();
        SessionDescription answer = Describe(bob, DtlsSetup.Active);

        // The signaling path swaps Bob's fingerprint for Mallory's before Alice reads the answer.
        string tampered = answer.ToString().Replace(bob.Fingerprint.ToSdpValue(), mallory.Fingerprint.ToSdpValue(), StringComparison.Ordinal);
        Assert.True(SessionDescription.TryParse(tampered, out SessionDescription? seenByAlice, out _));

        var pair = new DtlsChannelPair();
        Task<DtlsSrtpResult> aliceHandshake = DtlsSrtpEndpoint.HandshakeAsync(
            DtlsRole.Server, alice, seenByAlice!.FingerprintOf(seenByAlice.Media[0])!, pair.A, DtlsChannelPair.Fast);
        DtlsSrtpResult bobResult = await DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Client, bob, alice.Fingerprint, pair.B, DtlsChannelPair.Fast);
        DtlsSrtpResult aliceResult = await aliceHandshake;

        Assert.Equal(DtlsSrtpError.FingerprintMismatch, aliceResult.Error);
        Assert.False(bobResult.Succeeded);
    }

    private static SessionDescription Describe(DtlsCertificate certificate, DtlsSetup setup)
    {
        var sdp = new SessionDescription(SdpOrigin.Create(42));
        sdp.Timings.Add(SdpTiming.Unbounded);
        sdp.Add("group", "BUNDLE 0");
        var audio = new SdpMediaDescription("audio", 9, SdpMediaDescription.WebRtcProtocol, ["0"]);
        audio.Connections.Add(SdpConnection.Placeholder);
        audio.Add("ice-ufrag", "ufrg").Add("ice-pwd", "passwordpasswordpasswd")
            .Add("fingerprint", certificate.Fingerprint.ToSdpValue())
            .Add("setup", DtlsSetupRoles.ToSdpValue(setup))
            .Add("mid", "0").Add("sendrecv").Add("rtcp-mux")
            .Add("rtpmap", new SdpRtpMap(0, "PCMU", 8000).ToString());
        sdp.Media.Add(audio);
        return sdp;
    }
}
