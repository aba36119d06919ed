using Conclave.Client.Auth;
using Conclave.Client.Calls;

namespace Conclave.Testing;

/// <summary>A signed-in user with one or more devices on the call hub.</summary>
public sealed class Person : IAsyncDisposable
{
    private Person(string upn, ConclaveSession session, IReadOnlyList<CallClient> devices)
    {
        Upn = upn;
        Session = session;
        Devices = devices;
    }

    public string Upn { get; }

    public ConclaveSession Session { get; }

    public IReadOnlyList<CallClient> Devices { get; }

    public CallClient Device => Devices[0];

    public static Task<Person> SignInAsync(CallServerFixture server, string upn, params CallClientOptions[] devices) =>
        SignInAsync(server, upn, CallServerFixture.Password, devices);

    public static async Task<Person> SignInAsync(TestHost server, string upn, string password, params CallClientOptions[] devices)
    {
        var session = await server.SignInSessionAsync(upn, password);
        var clients = new List<CallClient>();
        foreach (var options in devices.Length == 0 ? [CallServerFixture.DeviceOptions("laptop")] : devices)
        {
            clients.Add(await CallClient.ConnectAsync(session, options, CancellationToken.None));
        }

        return new Person(upn, session, clients);
    }

    /// <summary>Rings <paramref name="callee"/> from this person's first device.</summary>
    public Task<Call> PlaceCallAsync(Person callee) => Device.PlaceAsync(callee.Upn, CancellationToken.None);

    /// <summary>Answers the next call that rings this person's first device (the wait is bounded).</summary>
    public async Task<Call> AnswerAsync() =>
        await Device.AnswerAsync(await Device.WaitForIncomingAsync(CancellationToken.None).Within(), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        foreach (var device in Devices)
        {
            await device.DisposeAsync();
        }

        Session.Dispose();
    }
}
