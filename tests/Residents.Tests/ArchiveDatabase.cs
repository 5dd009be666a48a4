using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Outreach.Residents.Access;
using Outreach.Residents.Archive;
using Outreach.Residents.Import;
using Outreach.Telephony.PhoneNumbers;
using Outreach.Residents.Storage;
using Outreach.Testing;
using Outreach.Storage;

namespace Outreach.Residents.Tests;

/// <summary>
/// A migrated archive with one street and two communities, 新河社区 and 湖滨社区: a real SQLite file, or a fresh
/// database on the test process's PostgreSQL cluster.
/// </summary>
public sealed class ArchiveDatabase(DatabaseProvider provider = DatabaseProvider.Sqlite) : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase? sqlite = provider == DatabaseProvider.Sqlite ? new() : null;

    public DatabaseOptions Options { get; private set; } = null!;

    public int Xinhe { get; private set; }

    public int Hubin { get; private set; }

    /// <summary>A context on the archive, with <paramref name="interceptors"/> added to the product's configuration.</summary>
    public ResidentsDbContext CreateContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<ResidentsDbContext>();
        OutreachDatabase.Configure(builder, Options, "residents");
        return new ResidentsDbContext(builder.AddInterceptors(interceptors).Options);
    }

    public async Task InitializeAsync()
    {
        Options = sqlite?.Options ?? await PostgresCluster.CreateDatabaseAsync();
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

    /// <summary>
    /// Accepts a file and runs the import job's method directly (no Hangfire server), as the job would; uploaded by
    /// staff of <paramref name="communities"/>, or by a street admin when none are given.
    /// </summary>
    public async Task<ResidentImport> ImportAsync(byte[] content, string fileName = "archive.csv", params int[] communities)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        int id;
        await using (var db = CreateContext())
        {
            id = (await new ResidentImporter(db, new StaffScope(communities), time).AcceptAsync(content, fileName, "clerk", CancellationToken.None)).Id;
        }

        await using (var db = CreateContext())
        {
            await new ResidentImportJob(db, new PhoneNumberParser("CN"), time, NullLogger<ResidentImportJob>.Instance).RunAsync(id, CancellationToken.None);
        }

        await using var read = CreateContext();
        return await read.Imports.AsNoTracking().SingleAsync(i => i.Id == id);
    }

    /// <summary>The scope of a staff member of the given communities; every community when none are given.</summary>
    public sealed class StaffScope(params int[] communities) : ICommunityScopeAccessor
    {
        public CommunityScope Current { get; } = communities.Length == 0 ? CommunityScope.All : new(communities.ToHashSet());
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => sqlite?.Dispose();
}
