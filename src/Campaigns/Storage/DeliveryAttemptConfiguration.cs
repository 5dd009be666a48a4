using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;

namespace Outreach.Campaigns.Storage;

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    private static readonly string InFlightFilter = $"\"StatusRank\" < {DeliveryStates.FinalRank.ToString(CultureInfo.InvariantCulture)}";

    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        builder.ToTable("delivery_attempts");
        builder.Property(a => a.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ProviderSid).HasMaxLength(64);
        builder.Property(a => a.AnsweredBy).HasMaxLength(32);
        // The exactly-once guarantee: the first insert of an attempt owns its send.
        builder.HasIndex(a => new { a.CampaignId, a.ResidentId, a.AttemptNo }).IsUnique();
        builder.HasIndex(a => new { a.ResidentId, a.DecidedAt });
        // Attempts still in flight only: recovery and the stuck-attempt sweep look for those (their queries repeat the
        // filter, so SQLite uses the index), and an attempt that ends leaves the index instead of moving within it.
        builder.HasIndex(a => new { a.CampaignId, a.StatusRank }).HasFilter(InFlightFilter);
        // No index on ProviderSid: callbacks find attempts by the id in their URL, and SIDs are random, so such an index
        // took a random page write per message sent (ADR 0011).
        builder.HasOne<Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
