using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Import;
using Outreach.Residents.Storage;
using Outreach.Storage;

namespace Outreach.Residents.Tests.Import;

public sealed class SqliteImportConnectionTests : IAsyncLifetime
{
    private static readonly (long CacheSize, long Synchronous) ImportSettings = (-65536, 1);

    private readonly ArchiveDatabase archive = new(DatabaseProvider.Sqlite);

    public Task InitializeAsync() => archive.InitializeAsync();

    public Task DisposeAsync() => archive.DisposeAsync();

    [Fact]
    public async Task An_import_has_its_own_settings_and_leaves_the_connection_with_those_it_found()
    {
        await using var db = archive.CreateContext();

        // Opened here, so the connection (and what is set on it) outlives the import's own open and close.
        await db.Database.OpenConnectionAsync();
        var before = await SettingsAsync(db);
        Assert.NotEqual(ImportSettings, before);
        await using (await SqliteImportConnection.OpenAsync(db, CancellationToken.None))
        {
            Assert.Equal(ImportSettings, await SettingsAsync(db));
        }

        Assert.Equal(before, await SettingsAsync(db));
    }

    private static async Task<(long CacheSize, long Synchronous)> SettingsAsync(ResidentsDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        var cacheSize = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = "PRAGMA synchronous";
        return (cacheSize, (long)(await command.ExecuteScalarAsync())!);
    }
}
