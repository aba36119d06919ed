using System.Collections.Concurrent;

namespace Conclave.Server.Calls;

/// <summary>
/// Missed calls per user (cancelled while ringing, not answered in time, or placed while she was offline),
/// newest last, at most <see cref="Capacity"/> each. Held in memory: they are also in the audit log as
/// <c>call.ended</c> with <c>missed</c>.
/// </summary>
/// <remarks>
/// One entry per caller: a caller's new missed call replaces the entry before it, counting both
/// (<see cref="MissedCallInfo.Count"/>), and moves it to the end. So however often one caller rings, he
/// holds one place in the list and cannot push out the missed calls of anyone else.
/// </remarks>
public sealed class MissedCallLog
{
    public const int Capacity = 100;

    private readonly ConcurrentDictionary<string, List<MissedCallInfo>> _byUser = new(StringComparer.Ordinal);

    public void Add(string userId, MissedCallInfo call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var list = _byUser.GetOrAdd(userId, _ => []);
        lock (list)
        {
            var count = 1;
            var earlier = list.FindIndex(c => string.Equals(c.CallerUpn, call.CallerUpn, StringComparison.OrdinalIgnoreCase));
            if (earlier >= 0)
            {
                count = list[earlier].Count == int.MaxValue ? int.MaxValue : list[earlier].Count + 1;
                list.RemoveAt(earlier);
            }

            list.Add(call with { Count = count });
            if (list.Count > Capacity)
            {
                list.RemoveAt(0);
            }
        }
    }

    public IReadOnlyList<MissedCallInfo> Of(string userId)
    {
        if (!_byUser.TryGetValue(userId, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }
}
