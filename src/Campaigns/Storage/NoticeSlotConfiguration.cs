using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Slots;

namespace Outreach.Campaigns.Storage;

internal sealed class NoticeSlotConfiguration : IEntityTypeConfiguration<NoticeSlot>
{
    public void Configure(EntityTypeBuilder<NoticeSlot> builder)
    {
        builder.ToTable("campaign_slots", table => table.HasCheckConstraint("ck_campaign_slots_booked_within_capacity", "\"Booked\" >= 0 AND \"Booked\" <= \"Capacity\""));
        builder.Property(s => s.Label).HasMaxLength(200);
        builder.HasIndex(s => new { s.CampaignId, s.Label }).IsUnique();
        builder.HasOne<Campaign>().WithMany(c => c.Slots).HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
