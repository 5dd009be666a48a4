using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Campaigns.Inbox;

namespace Outreach.Campaigns.Storage;

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> builder)
    {
        builder.ToTable("inbox_items");
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Text).HasMaxLength(2000);
        builder.Property(i => i.Reply).HasMaxLength(2000);
        builder.Property(i => i.Assignee).HasMaxLength(100);
        builder.Property(i => i.ExternalRef).HasMaxLength(80);
        builder.HasIndex(i => new { i.CommunityId, i.Status });
        builder.HasIndex(i => i.CampaignId);
        builder.HasIndex(i => new { i.Kind, i.ExternalRef }).IsUnique().HasFilter("\"ExternalRef\" IS NOT NULL");
    }
}
