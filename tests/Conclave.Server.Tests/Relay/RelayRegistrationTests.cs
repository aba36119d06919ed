using Conclave.Server.Relay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Tests.Relay;

public sealed class RelayRegistrationTests
{
    [Fact]
    public async Task AddConclaveRelay_StartsTheRelayFromConfiguration_AndAnswersOnUdp()
    {
        var port = ExternalProcess.FreePort();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Conclave:Relay:ListenAddress"] = "127.0.0.1",
            ["Conclave:Relay:UdpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Conclave:Relay:Realm"] = "configured.local",
            ["Conclave:Relay:Secrets:0"] = "configured-secret",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddConclaveRelay(configuration);
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().Single(s => s is RelayHostedService);
        await hosted.StartAsync(CancellationToken.None);
        try
        {
            using var client = new RawTurnClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            var options = provider.GetRequiredService<IOptions<RelayOptions>>().Value;
            var credentials = TurnCredentials.Create("carol", TimeSpan.FromMinutes(5), options.Secrets[0], TimeProvider.System);

            StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));
            Assert.Equal("configured.local", client.Realm);
            Assert.Equal(1, provider.GetRequiredService<RelayMetrics>().Snapshot().AllocationsActive);
        }
        finally
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void AddConclaveRelay_WithoutConfiguredSecret_GeneratesOneSharedWithTheApi()
    {
        var services = new ServiceCollection();
        services.AddConclaveRelay(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<RelayOptions>>().Value;

        Assert.Single(options.Secrets);
        Assert.True(Convert.FromBase64String(options.Secrets[0]).Length >= 32);
    }
}
