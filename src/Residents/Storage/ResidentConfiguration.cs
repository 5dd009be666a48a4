using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Residents.Archive;

namespace Outreach.Residents.Storage;

internal sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> builder)
    {
        builder.ToTable("residents");
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Phone).HasMaxLength(20);
        builder.Property(r => r.SecondPhone).HasMaxLength(20);
        builder.Property(r => r.Language).HasMaxLength(16);
        builder.Property(r => r.ExternalId).HasMaxLength(100);
        builder.Property(r => r.PreferredChannel).HasConversion<string>().HasMaxLength(8);
        builder.HasIndex(r => r.Phone);
        builder.HasIndex(r => r.ExternalId).IsUnique();
        // CommunityId alone, not (CommunityId, Building): entries in rowid order make a community's rows a sequential
        // read, while the composite index sent SQLite hopping across pages (a 60,000-row count took 7× longer).
        builder.HasIndex(r => r.CommunityId);
        builder.Ignore(r => r.IsOptedOut);

        // Tags are stored as "|elderly|living_alone|" so "tags has X" is a LIKE on every database.
        builder.Property(r => r.Tags)
            .HasConversion(
                tags => TagList.Encode(tags),
                text => TagList.Decode(text),
                new ValueComparer<List<string>>(
                    (a, b) => a!.SequenceEqual(b!),
                    tags => tags.Aggregate(0, (hash, tag) => HashCode.Combine(hash, tag.GetHashCode(StringComparison.Ordinal))),
                    tags => tags.ToList()))
            .HasMaxLength(1000);

        builder.HasMany(r => r.Dates).WithOne().HasForeignKey(d => d.ResidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Community).WithMany().HasForeignKey(r => r.CommunityId);
    }
}
