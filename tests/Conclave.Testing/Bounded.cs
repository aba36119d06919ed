namespace Conclave.Testing;

/// <summary>Every wait in the call tests is bounded.</summary>
public static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A whole call made by one command (<c>conclave call</c> or <c>answer</c>): hub connection, ringing, ICE,
    /// DTLS, the media it was asked to run and the hang-up, each of which <see cref="Limit"/> bounds on its
    /// own elsewhere. Some 2 s on an idle machine; as the browser tests' limit, for a machine under load.
    /// </summary>
    public static readonly TimeSpan CallRunLimit = TimeSpan.FromSeconds(30);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task<T> Within<T>(this Task<T> task, TimeSpan limit) => task.WaitAsync(limit);

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
