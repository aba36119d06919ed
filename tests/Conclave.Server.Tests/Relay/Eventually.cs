namespace Conclave.Server.Tests.Relay;

/// <summary>Waits, bounded, for a condition another thread makes true (packets crossing real sockets).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
