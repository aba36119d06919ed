namespace Conclave.Server.Tests.Relay;

/// <summary>
/// What the threads other than the test's own allocate while a piece of hot-path work runs, counted
/// process-wide (the server's worker threads are not the test's). The process also holds what the run
/// before left behind: a server of the same collection still ending its threads (2,000 legs' readers),
/// tiered re-compilation, timers. That work is transient and lands in some windows only, while a
/// per-packet allocation lands in every window: so the least over several windows is the hot path's,
/// and the count stops at the first window under the bound.
/// </summary>
internal static class OtherThreadsAllocation
{
    private const int Windows = 10;

    public static long LeastOf(Action work, long bound)
    {
        var least = long.MaxValue;
        for (var window = 0; window < Windows && least >= bound; window++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var beforeThisThread = GC.GetAllocatedBytesForCurrentThread();
            work();
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before - (GC.GetAllocatedBytesForCurrentThread() - beforeThisThread));
        }

        return least;
    }
}
