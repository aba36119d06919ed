using System.Collections.Concurrent;

namespace Conclave.Server.Calls;

/// <summary>
/// The fold of a user's missed calls (cancelled while ringing, not answered in time, or placed while she was
/// offline) into what the hub's GetMissedCalls answers: newest last, at most <see cref="Capacity"/> each.
/// The calls themselves are stored (<see cref="CallHistory"/>), which feeds them here in the order they ended.
/// </summary>
/// <remarks>
/// One entry per caller: a caller's new missed call replaces the entry before it, counting both
/// (<see cref="MissedCallInfo.Count"/>; an added entry counts as many calls as its own count says), and
/// moves it to the end. So however often one caller rings, he
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
            var count = Math.Max(1, call.Count);
            var earlier = list.FindIndex(c => string.Equals(c.CallerUpn, call.CallerUpn, StringComparison.OrdinalIgnoreCase));
            if (earlier >= 0)
            {
                count = (int)Math.Min(int.MaxValue, (long)list[earlier].Count + count);
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
