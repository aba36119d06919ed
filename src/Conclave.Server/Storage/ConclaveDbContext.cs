using Conclave.Server.Audit;
using Conclave.Server.Directory;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Storage;

/// <summary>
/// The one store: Identity, OpenIddict entities, the directory, the audit log, the call history and the chats. Each provider has a
/// subclass so that each keeps its own migrations.
/// </summary>
public abstract class ConclaveDbContext(DbContextOptions options) : IdentityDbContext<ConclaveUser>(options)
{
    public const string AuditTable = "AuditRecords";

    public DbSet<TenantRecord> Tenants => Set<TenantRecord>();

    public DbSet<GroupRecord> Groups => Set<GroupRecord>();

    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();

    public DbSet<AppRegistration> AppRegistrations => Set<AppRegistration>();

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    public DbSet<Calls.CallRecord> CallRecords => Set<Calls.CallRecord>();

    public DbSet<Chat.ChatRecord> Chats => Set<Chat.ChatRecord>();

    public DbSet<Chat.ChatMemberRecord> ChatMembers => Set<Chat.ChatMemberRecord>();

    public DbSet<Chat.ChatMessageRecord> ChatMessages => Set<Chat.ChatMessageRecord>();

    public DbSet<Chat.ChatReactionRecord> ChatReactions => Set<Chat.ChatReactionRecord>();

    public DbSet<Chat.ChatEventRecord> ChatEvents => Set<Chat.ChatEventRecord>();

    public DbSet<Chat.ChatFileRecord> ChatFiles => Set<Chat.ChatFileRecord>();

    public DbSet<Dlp.DlpPolicyRecord> DlpPolicies => Set<Dlp.DlpPolicyRecord>();

    public DbSet<Dlp.DlpRuleRecord> DlpRules => Set<Dlp.DlpRuleRecord>();

    public DbSet<Dlp.DlpSensitiveTypeRecord> DlpSensitiveTypes => Set<Dlp.DlpSensitiveTypeRecord>();

    public DbSet<Teams.TeamRecord> Teams => Set<Teams.TeamRecord>();

    public DbSet<ConditionalAccess.NamedLocationRecord> NamedLocations => Set<ConditionalAccess.NamedLocationRecord>();

    public DbSet<ConditionalAccess.ConditionalAccessPolicyRecord> ConditionalAccessPolicies => Set<ConditionalAccess.ConditionalAccessPolicyRecord>();

    public DbSet<ConditionalAccess.DeviceComplianceRecord> DeviceCompliance => Set<ConditionalAccess.DeviceComplianceRecord>();

    public DbSet<Teams.TeamMemberRecord> TeamMembers => Set<Teams.TeamMemberRecord>();

    public DbSet<Teams.ChannelRecord> Channels => Set<Teams.ChannelRecord>();

    public DbSet<Teams.ChannelMemberRecord> ChannelMembers => Set<Teams.ChannelMemberRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        Policies.PolicyModel.Configure(builder);
        Identity.TotpStepRecord.Configure(builder);
        Calls.CallRecord.Configure(builder);
        Chat.ChatRecord.Configure(builder);
        Chat.ChatMemberRecord.Configure(builder);
        Chat.ChatMessageRecord.Configure(builder);
        Chat.ChatReactionRecord.Configure(builder);
        Chat.ChatEventRecord.Configure(builder);
        Chat.ChatFileRecord.Configure(builder);
        Dlp.DlpPolicyRecord.Configure(builder);
        Dlp.DlpRuleRecord.Configure(builder);
        Dlp.DlpSensitiveTypeRecord.Configure(builder);
        Server.Teams.TeamRecord.Configure(builder);
        Server.Teams.TeamMemberRecord.Configure(builder);
        Server.Teams.ChannelRecord.Configure(builder);
        Server.Teams.ChannelMemberRecord.Configure(builder);
        ConditionalAccess.NamedLocationRecord.Configure(builder);
        ConditionalAccess.ConditionalAccessPolicyRecord.Configure(builder);
        ConditionalAccess.DeviceComplianceRecord.Configure(builder);

        builder.Entity<ConclaveUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(256);
            b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(16);
        });
        builder.Entity<TenantRecord>(b => b.Property(t => t.Domain).HasMaxLength(253));
        builder.Entity<GroupRecord>(b =>
        {
            b.Property(g => g.Id).HasMaxLength(64);
            b.Property(g => g.Name).HasMaxLength(128);
            b.Property(g => g.MailNickname).HasMaxLength(64);
            b.HasIndex(g => g.Name).IsUnique();
            b.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<GroupMembership>(b =>
        {
            b.HasKey(m => new { m.GroupId, m.UserId });
            b.HasOne<ConclaveUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AppRegistration>(b =>
        {
            b.HasKey(a => a.ClientId);
            b.Property(a => a.ClientId).HasMaxLength(100);
            b.Property(a => a.DisplayName).HasMaxLength(256);
            b.Property(a => a.Roles).HasMaxLength(512);
        });
        builder.Entity<AuditRecord>(b =>
        {
            b.ToTable(AuditTable);
            b.Property(a => a.Action).HasMaxLength(64);
            b.Property(a => a.ActorId).HasMaxLength(100);
            b.Property(a => a.ActorUpn).HasMaxLength(256);
            b.Property(a => a.Target).HasMaxLength(256);
            b.Property(a => a.FromAddress).HasMaxLength(64);
            b.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(a => a.Time);
            b.HasIndex(a => a.Action);
        });
    }
}
