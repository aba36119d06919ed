using Conclave.Server.Directory;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Identity;

/// <summary>
/// The last TOTP time step accepted for a user (RFC 6238 §5.2: a code is accepted once). Kept apart
/// from the user row so Identity's whole-row updates never write a stale value back over it.
/// </summary>
public sealed class TotpStepRecord
{
    public const string Table = "TotpSteps";

    public string UserId { get; set; } = "";

    public long LastTimeStep { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<TotpStepRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(r => r.UserId);
            b.HasOne<ConclaveUser>().WithOne().HasForeignKey<TotpStepRecord>(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });
}
