using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Residents.Archive;

namespace Outreach.Residents.Storage;

internal sealed class ResidentDateConfiguration : IEntityTypeConfiguration<ResidentDate>
{
    public void Configure(EntityTypeBuilder<ResidentDate> builder)
    {
        builder.ToTable("resident_dates");
        builder.Property(d => d.Name).HasMaxLength(64);
        builder.HasIndex(d => new { d.ResidentId, d.Name }).IsUnique();
        builder.HasIndex(d => new { d.Name, d.Value });
    }
}
