using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Archive;
using Outreach.Residents.Import;
using Outreach.Residents.Timeline;
using Outreach.Storage;

namespace Outreach.Residents.Storage;

/// <summary>The resident archive: streets, communities, residents and their timelines.</summary>
public sealed class ResidentsDbContext(DbContextOptions<ResidentsDbContext> options) : DbContext(options)
{
    public DbSet<Street> Streets => Set<Street>();

    public DbSet<Community> Communities => Set<Community>();

    public DbSet<Resident> Residents => Set<Resident>();

    public DbSet<ResidentDate> ResidentDates => Set<ResidentDate>();

    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();

    public DbSet<ResidentImport> Imports => Set<ResidentImport>();

    public DbSet<ResidentImportFile> ImportFiles => Set<ResidentImportFile>();

    public DbSet<ResidentImportRejection> ImportRejections => Set<ResidentImportRejection>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => OutreachDatabase.ApplyConventions(this, configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ResidentsDbContext).Assembly);
    }
}
