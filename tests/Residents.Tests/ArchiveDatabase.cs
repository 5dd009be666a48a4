using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;
using Outreach.Testing;

namespace Outreach.Residents.Tests;

/// <summary>A migrated archive in a real SQLite file with one street and two communities, 新河社区 and 湖滨社区.</summary>
public sealed class ArchiveDatabase : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase database = new();

    public DatabaseOptions Options => database.Options;

    public string Folder => database.Folder;

    public int Xinhe { get; private set; }

    public int Hubin { get; private set; }

    public ResidentsDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<ResidentsDbContext>();
        OutreachDatabase.Configure(builder, database.Options, "residents");
        return new ResidentsDbContext(builder.Options);
    }

    public async Task InitializeAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
        var street = new Street { Name = "迎丰街道", OfficePhone = "+8657188880000" };
        street.Communities.Add(new Community { Name = "新河社区" });
        street.Communities.Add(new Community { Name = "湖滨社区" });
        db.Streets.Add(street);
        await db.SaveChangesAsync();
        Xinhe = street.Communities[0].Id;
        Hubin = street.Communities[1].Id;
    }

    public async Task<Resident> AddResidentAsync(Action<Resident> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        await using var db = CreateContext();
        var resident = new Resident { Name = "测试", Phone = "+8613800138000", CommunityId = Xinhe };
        shape(resident);
        db.Residents.Add(resident);
        await db.SaveChangesAsync();
        return resident;
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => database.Dispose();
}
