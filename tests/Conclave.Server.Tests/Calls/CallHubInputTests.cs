using System.Text;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conclave.Server.Tests.Calls;

/// <summary>
/// Every hub method answers what a hostile or broken client sends (null, empty, too long, malformed) with a
/// refusal <c>{ code, message }</c> and keeps the connection; the transport carries the 64 KiB an SDP may have.
/// </summary>
[Collection(CallCollection.Name)]
public sealed class CallHubInputTests(CallServerFixture server)
{
    private const string Invalid = "call.invalid_argument";
    private static readonly string SomeCall = Guid.NewGuid().ToString();

    public static TheoryData<string, object?[], string> HostileCalls => new()
    {
        { "RegisterDevice", [null, true], Invalid },
        { "RegisterDevice", ["", true], Invalid },
        { "RegisterDevice", ["   ", true], Invalid },
        { "RegisterDevice", [new string('d', 65), true], Invalid },
        { "RegisterDevice", ["laptop\u001b[2J", true], Invalid },
        { "RegisterDevice", ["laptop\u202egnp.exe", true], Invalid },
        { "RegisterDevice", ["laptop", null], Invalid },
        { "PlaceCall", [null], Invalid },
        { "PlaceCall", [""], Invalid },
        { "PlaceCall", [new string('a', 300) + "@" + CallServerFixture.Domain], Invalid },
        { "PlaceCall", ["no-at-sign"], Invalid },
        { "PlaceCall", ["bob\r\n@" + CallServerFixture.Domain], Invalid },
        { "PlaceCall", ["tel:"], Invalid },
        { "PlaceCall", ["tel:+1555\u0000"], Invalid },
        { "Accept", [null], Invalid },
        { "Accept", [""], Invalid },
        { "Accept", ["not-a-call-id"], Invalid },
        { "Decline", [null], Invalid },
        { "Decline", ["{" + SomeCall + "}x"], Invalid },
        { "Cancel", [null], Invalid },
        { "Cancel", [new string('0', 5000)], Invalid },
        { "HangUp", [null], Invalid },
        { "HangUp", ["not-a-call-id"], Invalid },
        { "SendDescription", [null, "offer", "v=0\r\n"], Invalid },
        { "SendDescription", ["not-a-call-id", "offer", "v=0\r\n"], Invalid },
        { "SendDescription", [SomeCall, null, "v=0\r\n"], "call.invalid_description" },
        { "SendDescription", [SomeCall, "pranswer", "v=0\r\n"], "call.invalid_description" },
        { "SendDescription", [SomeCall, "offer", null], "call.invalid_description" },
        { "SendDescription", [SomeCall, "offer", ""], "call.invalid_description" },
        { "SendDescription", [SomeCall, "offer", "not an sdp"], "call.invalid_description" },
        { "SendCandidate", [null, null], Invalid },
        { "SendCandidate", ["not-a-call-id", "candidate:1 1 udp 1 127.0.0.1 9 typ host"], Invalid },
        { "SendCandidate", [SomeCall, "candidate:1 1 udp 1 127.0.0.1 9 typ host" + new string(' ', 1024)], "call.invalid_candidate" },
        { "SendCandidate", [SomeCall, "candidate:1 1 udp 1 127.0.0.1 9 typ host\r\na=fingerprint:sha-256 00"], "call.invalid_candidate" },
        { "SendCandidate", [SomeCall, "not a candidate"], "call.invalid_candidate" },
        { "RequestFeature", [null, "Park"], Invalid },
        { "RequestFeature", [SomeCall, null], Invalid },
        { "RequestFeature", [SomeCall, new string('f', 10_000)], Invalid },
        { "RequestFeature", [SomeCall, "3"], "call.unknown_feature" },
        { "RequestFeature", [SomeCall, "Park,Merge"], "call.unknown_feature" },
    };

    [Theory]
    [MemberData(nameof(HostileCalls))]
    public async Task HubMethod_WithHostileArguments_AnswersARefusal_AndTheConnectionStaysOpen(string method, object?[] arguments, string code)
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var hub = await RawHub.ConnectAsync(server, alice.Session);
        Assert.Null(RawHub.CodeOf(await hub.CallAsync("RegisterDevice", "probe", true)));

        var answer = await hub.CallAsync(method, arguments);

        Assert.Equal(code, RawHub.CodeOf(answer));
        Assert.False(string.IsNullOrEmpty(RawHub.RefusalOf(answer)!.Value.GetProperty("message").GetString()));
        Assert.Equal(HubConnectionState.Connected, hub.State);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, (await hub.CallAsync("GetMissedCalls")).ValueKind);
    }

    [Fact]
    public async Task RefusedRegistration_KeepsTheDeviceRegisteredBefore()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var hub = await RawHub.ConnectAsync(server, alice.Session);
        Assert.Null(RawHub.CodeOf(await hub.CallAsync("RegisterDevice", "probe", true)));

        Assert.Equal(Invalid, RawHub.CodeOf(await hub.CallAsync("RegisterDevice", null, null)));

        // Still a device: a call to an unknown user is refused for the callee, not for want of a device.
        Assert.Equal("call.unknown_callee", RawHub.CodeOf(await hub.CallAsync("PlaceCall", "nobody@" + CallServerFixture.Domain)));
    }

    [Fact]
    public async Task SixtyKiBDescription_PassesTheTransport_AndIsAnsweredByTheHub()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var hub = await RawHub.ConnectAsync(server, alice.Session);
        Assert.Null(RawHub.CodeOf(await hub.CallAsync("RegisterDevice", "probe", true)));

        var answer = await hub.CallAsync("SendDescription", SomeCall, "offer", Sdp(60 * 1024));

        // No such call, and the hub says so: the 60 KiB crossed the transport.
        Assert.Equal("call.not_found", RawHub.CodeOf(answer));
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task DescriptionOverSixtyFourKiB_IsRefusedByTheHub_AndTheConnectionStaysOpen()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var hub = await RawHub.ConnectAsync(server, alice.Session);

        Assert.Equal("call.not_found", RawHub.CodeOf(await hub.CallAsync("SendDescription", SomeCall, "offer", Sdp(64 * 1024))));
        Assert.Equal("call.invalid_description", RawHub.CodeOf(await hub.CallAsync("SendDescription", SomeCall, "offer", Sdp((64 * 1024) + 1))));
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    /// <summary>An SDP-shaped text of exactly <paramref name="bytes"/> bytes: a session header, then attribute lines.</summary>
    private static string Sdp(int bytes)
    {
        var sdp = new StringBuilder("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        for (var i = 0; sdp.Length < bytes; i++)
        {
            sdp.Append("a=candidate:").Append(i).Append(" 1 udp 2122260223 192.0.2.1 ").Append(50000 + (i % 10000)).Append(" typ host generation 0\r\n");
        }

        sdp.Length = bytes - 2;
        return sdp.Append("\r\n").ToString();
    }
}
