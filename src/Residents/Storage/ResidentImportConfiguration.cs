using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Residents.Import;

namespace Outreach.Residents.Storage;

internal sealed class ResidentImportConfiguration :
    IEntityTypeConfiguration<ResidentImport>, IEntityTypeConfiguration<ResidentImportFile>, IEntityTypeConfiguration<ResidentImportRejection>
{
    public void Configure(EntityTypeBuilder<ResidentImport> builder)
    {
        builder.ToTable("resident_imports");
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.Encoding).HasMaxLength(16);
        builder.Property(i => i.IgnoredColumns).HasMaxLength(2000);
        builder.Property(i => i.Error).HasMaxLength(2000);
        builder.Property(i => i.CreatedBy).HasMaxLength(100);
        builder.Property(i => i.LeaseOwner).HasMaxLength(36);
        builder.HasOne<ResidentImportFile>().WithOne().HasForeignKey<ResidentImportFile>(f => f.ImportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<ResidentImportRejection>().WithOne().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ResidentImportFile> builder)
    {
        builder.ToTable("resident_import_files");
        builder.HasKey(f => f.ImportId);
    }

    public void Configure(EntityTypeBuilder<ResidentImportRejection> builder)
    {
        builder.ToTable("resident_import_rejections");
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.HasIndex(r => new { r.ImportId, r.Line });
    }
}
