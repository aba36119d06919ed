using System.Collections.Concurrent;
using Conclave.Server.Signaling;

namespace Conclave.Server.Calls;

/// <summary>
/// Missed calls per user (cancelled while ringing, or not answered in time), newest last, at most
/// <see cref="Capacity"/> each. Held in memory: they are also in the audit log as <c>call.ended</c> with <c>missed</c>.
/// </summary>
public sealed class MissedCallLog
{
    public const int Capacity = 100;

    private readonly ConcurrentDictionary<string, List<MissedCallInfo>> _byUser = new(StringComparer.Ordinal);

    public void Add(string userId, MissedCallInfo call)
    {
        var list = _byUser.GetOrAdd(userId, _ => []);
        lock (list)
        {
            list.Add(call);
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
