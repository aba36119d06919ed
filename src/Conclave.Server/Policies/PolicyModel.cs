using Conclave.Server.Directory;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Policies;

/// <summary>The policy tables of <c>ConclaveDbContext</c>; user rows go with their user.</summary>
public static class PolicyModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<PolicyInstanceRow>(b =>
        {
            b.ToTable("PolicyInstances");
            b.HasKey(p => new { p.PolicyType, p.Identity });
            b.Property(p => p.PolicyType).HasMaxLength(64);
            b.Property(p => p.Identity).HasMaxLength(140);
        });
        builder.Entity<PolicyGroupAssignmentRow>(b =>
        {
            b.ToTable("PolicyGroupAssignments");
            b.HasKey(p => new { p.PolicyType, p.GroupId });
            b.Property(p => p.PolicyType).HasMaxLength(64);
            b.Property(p => p.GroupId).HasMaxLength(64);
            b.Property(p => p.GroupName).HasMaxLength(128);
            b.Property(p => p.PolicyName).HasMaxLength(140);
        });
        builder.Entity<PolicyTenantDefaultRow>(b =>
        {
            b.ToTable("PolicyTenantDefaults");
            b.HasKey(p => p.PolicyType);
            b.Property(p => p.PolicyType).HasMaxLength(64);
            b.Property(p => p.PolicyName).HasMaxLength(140);
        });
        builder.Entity<PolicyUserGrantRow>(b =>
        {
            b.ToTable("PolicyUserGrants");
            b.HasKey(p => new { p.UserId, p.PolicyType });
            b.Property(p => p.PolicyType).HasMaxLength(64);
            b.Property(p => p.PolicyName).HasMaxLength(140);
            b.HasOne<ConclaveUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PolicyUserSettingRow>(b =>
        {
            b.ToTable("PolicyUserSettings");
            b.HasKey(p => p.UserId);
            b.Property(p => p.E2eeCalls).HasMaxLength(8);
            b.HasOne<ConclaveUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
