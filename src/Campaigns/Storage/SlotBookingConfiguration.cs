using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Campaigns.Slots;

namespace Outreach.Campaigns.Storage;

internal sealed class SlotBookingConfiguration : IEntityTypeConfiguration<SlotBooking>
{
    public void Configure(EntityTypeBuilder<SlotBooking> builder)
    {
        builder.ToTable("campaign_slot_bookings");
        builder.HasIndex(b => new { b.CampaignId, b.ResidentId }).IsUnique();
        builder.HasIndex(b => b.SlotId);
        builder.HasOne<NoticeSlot>().WithMany().HasForeignKey(b => b.SlotId).OnDelete(DeleteBehavior.Cascade);
    }
}
