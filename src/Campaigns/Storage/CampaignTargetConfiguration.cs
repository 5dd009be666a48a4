using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Targets;

namespace Outreach.Campaigns.Storage;

internal sealed class CampaignTargetConfiguration : IEntityTypeConfiguration<CampaignTarget>
{
    public void Configure(EntityTypeBuilder<CampaignTarget> builder)
    {
        builder.ToTable("campaign_targets");
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Honorific).HasMaxLength(100);
        builder.Property(t => t.Phone).HasMaxLength(20);
        builder.Property(t => t.Language).HasMaxLength(16);
        builder.Property(t => t.PreferredChannel).HasConversion<string>().HasMaxLength(8);
        builder.Property(t => t.CommunityName).HasMaxLength(100);
        builder.Property(t => t.Building).HasMaxLength(50);
        builder.Property(t => t.Unit).HasMaxLength(50);
        builder.Property(t => t.Household).HasMaxLength(100);
        builder.Property(t => t.Segment).HasMaxLength(32);
        builder.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.ChosenOption).HasMaxLength(200);
        // The snapshot holds each resident once, however often the launch job runs.
        builder.HasIndex(t => new { t.CampaignId, t.ResidentId }).IsUnique();
        builder.HasIndex(t => new { t.CampaignId, t.ChunkNo });
        // Due targets only: a target leaves the index when its contact is decided, rather than moving to a null due time.
        builder.HasIndex(t => new { t.CampaignId, t.DueAt }).HasFilter("\"DueAt\" IS NOT NULL");
        builder.HasIndex(t => new { t.CampaignId, t.Outcome });
        builder.HasIndex(t => t.ResidentId);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
