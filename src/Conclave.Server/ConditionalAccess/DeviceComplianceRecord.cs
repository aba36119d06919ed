using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.ConditionalAccess;

/// <summary>
/// The compliance of one device: a sign-in session (its OpenIddict authorization id, the id the Devices screen and
/// Get-CsUserSession show). A device without a record is not compliant.
/// </summary>
public sealed class DeviceComplianceRecord
{
    public const string Table = "DeviceCompliance";

    public string DeviceId { get; set; } = "";

    public string UserId { get; set; } = "";

    public bool IsCompliant { get; set; }

    /// <summary>Who set it, as the audit log shows an actor: a UPN or <c>app:&lt;clientId&gt;</c>.</summary>
    public string? SetBy { get; set; }

    public DateTimeOffset SetAt { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<DeviceComplianceRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(d => d.DeviceId);
            b.Property(d => d.DeviceId).HasMaxLength(100);
            b.Property(d => d.UserId).HasMaxLength(450);
            b.Property(d => d.SetBy).HasMaxLength(320);
            b.HasIndex(d => d.UserId);
        });
}
