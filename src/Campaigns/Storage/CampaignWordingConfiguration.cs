using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Campaigns.Definition;

namespace Outreach.Campaigns.Storage;

internal sealed class CampaignWordingConfiguration : IEntityTypeConfiguration<CampaignWording>
{
    public void Configure(EntityTypeBuilder<CampaignWording> builder)
    {
        builder.ToTable("campaign_wordings");
        builder.Property(w => w.Language).HasMaxLength(16);
        builder.Property(w => w.Audience).HasMaxLength(32);
        builder.Property(w => w.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(w => w.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Template).HasMaxLength(4000);
        builder.Ignore(w => w.Key);
        builder.HasIndex(w => new { w.CampaignId, w.Language, w.Audience, w.Channel }).IsUnique();
        builder.HasOne<Campaign>().WithMany().HasForeignKey(w => w.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
