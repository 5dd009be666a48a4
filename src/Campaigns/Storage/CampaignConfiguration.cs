using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Campaigns.Definition;

namespace Outreach.Campaigns.Storage;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Body).HasMaxLength(4000);
        builder.Property(c => c.KeyFacts).HasJsonConversion().HasMaxLength(4000);
        builder.Property(c => c.Options).HasJsonConversion().HasMaxLength(4000);
        builder.Property(c => c.Translations).HasJsonConversion().HasMaxLength(12000);
        builder.Property(c => c.ResponseKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Audience).HasMaxLength(2000);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.CreatedBy).HasMaxLength(100);
        builder.Property(c => c.Schedule).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Cron).HasMaxLength(100);
        builder.Property(c => c.DateField).HasMaxLength(64);
        builder.HasIndex(c => c.Status);
        // One run per occurrence of a recurring campaign, however often its recurring job fires.
        builder.HasIndex(c => new { c.ParentId, c.OccurrenceAt }).IsUnique();
    }
}
