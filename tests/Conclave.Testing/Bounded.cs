namespace Conclave.Testing;

/// <summary>Every wait in the call tests is bounded.</summary>
public static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task Within(this Task task) => task.WaitAsync(Limit);

    /// <summary>Polls <paramref name="condition"/> every 20 ms up to <paramref name="limit"/> (default <see cref="Limit"/>); false at the deadline.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? Limit);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return condition();
            }
        }

        return true;
    }
}
