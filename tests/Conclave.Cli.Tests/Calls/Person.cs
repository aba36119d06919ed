using Conclave.Client.Auth;
using Conclave.Client.Calls;

namespace Conclave.Cli.Tests.Calls;

/// <summary>A signed-in user with one or more devices on the call hub.</summary>
internal sealed class Person : IAsyncDisposable
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

    public static async Task<Person> SignInAsync(CallServerFixture server, string upn, params CallClientOptions[] devices)
    {
        var session = await server.SignInAsync(upn);
        var clients = new List<CallClient>();
        foreach (var options in devices.Length == 0 ? [CallServerFixture.DeviceOptions("laptop")] : devices)
        {
            clients.Add(await CallClient.ConnectAsync(session, options, CancellationToken.None));
        }

        return new Person(upn, session, clients);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var device in Devices)
        {
            await device.DisposeAsync();
        }

        Session.Dispose();
    }
}
