using Conclave.Protocols.Dtls;

namespace Conclave.Client.Media;

/// <summary>
/// Per-call DTLS certificates made ahead of time, so that generating a key pair (about half a millisecond, more
/// on a busy machine) is not on the path from accept to first audio. Each certificate is handed out once and is
/// still fresh for its call (RFC 8827 §6.5); the reserve holds a few that no call has seen.
/// </summary>
internal static class DtlsCertificateReserve
{
    /// <summary>Two: both legs of a call placed between two devices in one process find one ready.</summary>
    private const int Size = 2;

    private static readonly Lock Gate = new();
    private static readonly Queue<Task<DtlsCertificate>> Ready = new();

    /// <summary>A certificate made in advance when one is ready, else a new one; then the reserve is refilled in the background.</summary>
    public static DtlsCertificate Take()
    {
        Task<DtlsCertificate>? made = null;
        lock (Gate)
        {
            if (Ready.TryPeek(out var head) && head.IsCompletedSuccessfully)
            {
                made = Ready.Dequeue();
            }

            while (Ready.Count < Size)
            {
                Ready.Enqueue(Task.Run(() => DtlsCertificate.Generate()));
            }
        }

        return made?.Result ?? DtlsCertificate.Generate();
    }
}
