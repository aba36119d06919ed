using System.Diagnostics;

namespace Conclave.Server.Tests.Relay;

/// <summary>
/// What the threads other than the test's own allocate because of a piece of hot-path work, counted
/// process-wide (the server's worker threads are not the test's). The process also holds work that is not
/// the hot path's: steady (timers, pollers and sweepers of the other servers the test run still holds) and
/// transient (a server of the same collection ending its 2,000 legs, tiered re-compilation). Each window
/// therefore subtracts what the process allocates while idle for as long as the work took, which removes
/// the steady part, and the least over several windows removes the transient part: a per-packet allocation
/// is in every window's work and in no idle time, so it still shows whole.
/// </summary>
internal static class OtherThreadsAllocation
{
    private const int Windows = 10;

    public static long LeastOf(Action work, long bound)
    {
        var least = long.MaxValue;
        for (var window = 0; window < Windows && least >= bound; window++)
        {
            var elapsed = Stopwatch.StartNew();
            var working = OthersAllocatedDuring(work);
            var duration = elapsed.Elapsed;
            var idle = OthersAllocatedDuring(() => Thread.Sleep(duration));
            least = Math.Min(least, Math.Max(0, working - idle));
        }

        return least;
    }

    private static long OthersAllocatedDuring(Action action)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var beforeThisThread = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetTotalAllocatedBytes(precise: true) - before - (GC.GetAllocatedBytesForCurrentThread() - beforeThisThread);
    }
}
