using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Server.Audit;

namespace Conclave.Server.Dlp;

/// <summary>
/// The gate's answer. Refused: <see cref="Refusal"/> for the sender and <see cref="Audit"/> to record on its own (nothing
/// else is written). Passed: <see cref="Audit"/>, when rules matched, to commit with the content, and the sender's
/// <see cref="Tip"/>, when they are to be told.
/// </summary>
public sealed record DlpCheck(Error? Refusal, AuditEntry? Audit, DlpPolicyTip? Tip)
{
    public static DlpCheck Clean { get; } = new(null, null, null);

    public bool Passed => Refusal is null;
}
