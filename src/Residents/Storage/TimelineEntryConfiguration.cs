using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Residents.Timeline;

namespace Outreach.Residents.Storage;

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("timeline");
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Channel).HasMaxLength(16);
        builder.Property(t => t.Outcome).HasMaxLength(32);
        builder.Property(t => t.ExternalRef).HasMaxLength(64);
        builder.Property(t => t.Actor).HasMaxLength(100);
        builder.HasIndex(t => new { t.ResidentId, t.At });
        // A replayed webhook appends nothing: one entry per resident, kind and external reference.
        builder.HasIndex(t => new { t.ResidentId, t.Kind, t.ExternalRef }).IsUnique().HasFilter("\"ExternalRef\" IS NOT NULL");
    }
}
