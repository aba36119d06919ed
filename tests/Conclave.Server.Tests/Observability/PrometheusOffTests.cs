using System.Net;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Observability;

/// <summary>By default no scrape endpoint is mapped: even an administrator finds nothing there.</summary>
public sealed class PrometheusOffTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Scrape_WhenOff_IsNotFound()
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        using var response = await admin.GetAsync(ObservabilityServerFixture.MetricsPath);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
