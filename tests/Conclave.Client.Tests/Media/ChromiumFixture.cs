namespace Conclave.Client.Tests.Media;

/// <summary>One coturn and one Chromium (through node and Playwright) shared by the interop calls.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private CoturnServer? _turn;
    private ChromiumDriver? _browser;

    internal CoturnServer Turn => _turn ?? throw new InvalidOperationException("not started");

    internal ChromiumDriver Browser => _browser ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _turn = await CoturnServer.StartAsync(cts.Token);
        _browser = await ChromiumDriver.StartAsync(cts.Token);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_turn is not null)
        {
            await _turn.DisposeAsync();
        }
    }
}
