using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Access;
using Outreach.Residents.Import;
using Outreach.Storage;

namespace Outreach.Residents.Tests.Import;

public sealed class StoredImportFileTests : IAsyncLifetime
{
    private readonly ArchiveDatabase archive = new(DatabaseProvider.Sqlite);

    public Task InitializeAsync() => archive.InitializeAsync();

    public Task DisposeAsync() => archive.DisposeAsync();

    [Fact]
    public async Task The_blob_api_reads_the_bytes_the_query_reads()
    {
        // Larger than a page and not a whole number of pages, so the blob spans overflow pages and ends mid-page.
        var file = System.Text.Encoding.UTF8.GetBytes("name,phone\n" + string.Concat(Enumerable.Range(0, 3_000).Select(i => $"王秀英{i},138{i:D8}\n")));
        int importId;
        await using (var db = archive.CreateContext())
        {
            importId = (await new ResidentImporter(db, new UnrestrictedScopeAccessor(), TimeProvider.System).AcceptAsync(file, "a.csv", null, CancellationToken.None)).Id;
        }

        await using var reader = archive.CreateContext();
        var byQuery = await StoredImportFile.ReadAsync(reader, importId, CancellationToken.None);
        await reader.Database.OpenConnectionAsync();
        var byBlob = await StoredImportFile.ReadAsync(reader, importId, CancellationToken.None);

        Assert.Equal(file, byQuery);
        Assert.Equal(file, byBlob);
    }
}
