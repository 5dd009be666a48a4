using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Import;
using Outreach.Residents.Storage;
using Outreach.Storage;

namespace Outreach.Residents.Tests.Import;

public sealed class SqliteImportConnectionTests : IAsyncLifetime
{
    private static readonly (long CacheSize, long Synchronous, long AutoCheckpoint) ImportSettings = (-65536, 1, 0);

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

    [Fact]
    public async Task Storing_an_upload_keeps_the_connections_durability_and_only_defers_the_checkpoint()
    {
        await using var db = archive.CreateContext();
        await db.Database.OpenConnectionAsync();
        var before = await SettingsAsync(db);
        Assert.NotEqual(0, before.AutoCheckpoint);
        await using (await SqliteImportConnection.OpenForUploadAsync(db, CancellationToken.None))
        {
            Assert.Equal(before with { AutoCheckpoint = 0 }, await SettingsAsync(db));
        }

        Assert.Equal(before, await SettingsAsync(db));
    }

    private static async Task<(long CacheSize, long Synchronous, long AutoCheckpoint)> SettingsAsync(ResidentsDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        async Task<long> PragmaAsync(string name)
        {
            command.CommandText = $"PRAGMA {name}";
            return (long)(await command.ExecuteScalarAsync())!;
        }

        return (await PragmaAsync("cache_size"), await PragmaAsync("synchronous"), await PragmaAsync("wal_autocheckpoint"));
    }
}
