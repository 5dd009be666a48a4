using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Outreach.Storage;

namespace Outreach.Server.Accounts;

/// <summary>Staff accounts (ASP.NET Core Identity), integration API keys and the staff audit log.</summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<IntegrationApiKey> ApiKeys => Set<IntegrationApiKey>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => OutreachDatabase.ApplyConventions(this, configurationBuilder);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        var communityIds = new ValueComparer<List<int>>(
            (a, b) => a!.SequenceEqual(b!),
            ids => ids.Aggregate(0, HashCode.Combine),
            ids => ids.ToList());

        builder.Entity<StaffUser>(user =>
        {
            user.ToTable("staff_users");
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.Language).HasMaxLength(16);
            user.Property(u => u.CommunityIds)
                .HasConversion(ids => CommunityIdList.Encode(ids), text => CommunityIdList.Decode(text), communityIds)
                .HasMaxLength(500);
        });
        builder.Entity<IdentityRole>().ToTable("staff_roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("staff_user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("staff_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("staff_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("staff_user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("staff_role_claims");

        builder.Entity<IntegrationApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Prefix).HasMaxLength(16);
            key.Property(k => k.Hash).HasMaxLength(64);
            key.Property(k => k.Role).HasMaxLength(32);
            key.Property(k => k.CreatedBy).HasMaxLength(256);
            key.Property(k => k.CommunityIds)
                .HasConversion(ids => CommunityIdList.Encode(ids), text => CommunityIdList.Decode(text), communityIds)
                .HasMaxLength(500);
            key.HasIndex(k => k.Hash).IsUnique();
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_log");
            entry.Property(e => e.Actor).HasMaxLength(256);
            entry.Property(e => e.Action).HasMaxLength(64);
            entry.Property(e => e.Target).HasMaxLength(200);
            entry.Property(e => e.Detail).HasMaxLength(1000);
            entry.HasIndex(e => e.At);
        });
    }
}
