using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Outreach.Storage;

namespace Outreach.Campaigns.Tests.Storage;

/// <summary>
/// BulkRows on SQLite steps its statements on the connection's handle (values bound by position, a value bound only
/// when it changes); what it stores must be what EF's own SaveChanges stores for the same entities, value and storage
/// class alike, since EF reads it back.
/// </summary>
public sealed class BulkRowsTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly SampleContext db;

    public BulkRowsTests()
    {
        connection.Open();
        db = new SampleContext(new DbContextOptionsBuilder<SampleContext>().UseSqlite(connection).Options);
        db.Database.EnsureCreated();
    }

    public void Dispose()
    {
        db.Dispose();
        connection.Dispose();
    }

    [Fact]
    public async Task Inserted_rows_are_stored_as_save_changes_stores_them_and_a_conflicting_row_is_skipped()
    {
        Assert.True(BulkRows.WritesOnSqliteHandle<Sample>(db));
        var rows = Samples();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var inserted = await db.InsertRowsAsync(rows, CancellationToken.None);
            await transaction.CommitAsync();
            Assert.Equal(rows, inserted);
            Assert.All(inserted, r => Assert.True(r.Id > 0));
            Assert.Equal(inserted.Select(r => r.Id), await db.Samples.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync());
        }

        // The same name again: the unique index skips it, and it gets no key.
        var again = new Sample { Name = rows[0].Name, At = DateTimeOffset.UnixEpoch };
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Empty(await db.InsertRowsAsync([again], CancellationToken.None));
            await transaction.CommitAsync();
        }

        Assert.Equal(0, again.Id);
        var direct = await StoredAndClearAsync();

        db.Samples.AddRange(Samples());
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        Assert.Equal(await StoredAndClearAsync(), direct);
    }

    [Fact]
    public async Task Updated_columns_are_stored_as_save_changes_stores_them()
    {
        var rows = Samples();
        db.Samples.AddRange(rows);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            row.Note = i % 2 == 0 ? null : $"changed {i}";
            row.Day = i % 3 == 0 ? null : new DateOnly(2030, 1, 1 + i);
            row.Maybe = DateTimeOffset.UnixEpoch.AddDays(i);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.UpdateRowsAsync(rows, [nameof(Sample.Note), nameof(Sample.Day), nameof(Sample.Maybe)], CancellationToken.None);
            await transaction.CommitAsync();
        }

        var direct = await StoredAsync();
        db.Samples.UpdateRange(rows);
        await db.SaveChangesAsync();
        Assert.Equal(await StoredAsync(), direct);
    }

    [Fact]
    public async Task Guarded_updates_change_only_the_rows_whose_stored_values_meet_every_guard()
    {
        db.Samples.AddRange(
            new Sample { Name = "behind", Count = 1, At = DateTimeOffset.UnixEpoch, Kind = SampleKind.Sms, Level = SampleLevel.Low },
            new Sample { Name = "ahead", Count = 5, At = DateTimeOffset.UnixEpoch, Kind = SampleKind.Sms, Level = SampleLevel.Low },
            new Sample { Name = "level", Count = 3, At = DateTimeOffset.UnixEpoch, Kind = SampleKind.Sms, Level = SampleLevel.Low },
            new Sample { Name = "voice", Count = 1, At = DateTimeOffset.UnixEpoch, Kind = SampleKind.Voice, Level = SampleLevel.Low },
            new Sample { Name = "high", Count = 1, At = DateTimeOffset.UnixEpoch, Kind = SampleKind.Sms, Level = SampleLevel.High });
        await db.SaveChangesAsync();
        var stored = await db.Samples.AsNoTracking().ToDictionaryAsync(s => s.Name);
        db.ChangeTracker.Clear();

        // Count moves forward to 3; only while Kind is still Sms and Level is the row's (Low).
        var rows = stored.Values.Select(s => new Sample { Id = s.Id, Name = s.Name, Count = 3, Note = "moved", At = s.At, Kind = s.Kind, Level = SampleLevel.Low }).ToList();
        IReadOnlyList<Sample> changed;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            changed = await db.UpdateRowsWhereAsync(rows, [nameof(Sample.Count), nameof(Sample.Note)],
                [RowGuard.Below(nameof(Sample.Count)), RowGuard.Is(nameof(Sample.Kind), SampleKind.Sms), RowGuard.Same(nameof(Sample.Level))], CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Equal(["behind"], changed.Select(r => r.Name));
        var after = await db.Samples.AsNoTracking().ToDictionaryAsync(s => s.Name, s => (s.Count, s.Note));
        Assert.Equal((3, "moved"), after["behind"]);
        Assert.Equal((5, null), after["ahead"]);
        Assert.Equal((3, null), after["level"]);
        Assert.Equal((1, null), after["voice"]);
        Assert.Equal((1, null), after["high"]);
    }

    [Fact]
    public async Task Rows_found_by_key_are_read_back_as_ef_reads_them()
    {
        Assert.True(BulkRows.ReadsOnSqliteHandle<Sample>(db));
        db.Samples.AddRange(Samples());
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var ids = await db.Samples.AsNoTracking().OrderByDescending(s => s.Id).Select(s => s.Id).ToListAsync();

        // Keys in any order, one that does not exist.
        var found = await db.FindRowsAsync<Sample, long>([.. ids, -1], CancellationToken.None);
        var read = await db.Samples.AsNoTracking().ToDictionaryAsync(s => s.Id);

        Assert.Equal(ids, found.Select(s => s.Id));
        Assert.All(found, row => Assert.Equal(Described(read[row.Id]), Described(row)));
    }

    private static string Described(Sample sample) => string.Join(" | ", typeof(Sample).GetProperties().Select(p => $"{p.Name}={p.GetValue(sample)}"));

    // Repeats and changes between NULL, empty and other values, so that a skipped binding would show.
    private static List<Sample> Samples() =>
    [
        new() { Name = "王秀英", Note = "first", Count = 1, Flag = true, Score = 0.5, Day = new DateOnly(1950, 1, 2), At = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(8)), Kind = SampleKind.Voice },
        new() { Name = "b", Note = "first", Count = 1, Flag = true, Score = 0.5, Day = new DateOnly(1950, 1, 2), At = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(8)), Kind = SampleKind.Voice },
        new() { Name = "c", Note = null, Count = 0, Flag = false, Score = double.MaxValue, Day = null, At = DateTimeOffset.MinValue, Maybe = DateTimeOffset.MaxValue, Kind = SampleKind.Sms },
        new() { Name = string.Empty, Note = string.Empty, Count = int.MinValue, Score = -0.0, Day = DateOnly.MaxValue, At = DateTimeOffset.UnixEpoch, Level = SampleLevel.High },
        new() { Name = new string('x', 1_000), Note = "a\0b", Count = int.MaxValue, Score = double.Epsilon, Day = DateOnly.MinValue, At = DateTimeOffset.UnixEpoch, Maybe = DateTimeOffset.UnixEpoch },
    ];

    /// <summary>Every column but the key, quoted, with its storage class, as SQLite holds it.</summary>
    private async Task<List<string>> StoredAsync()
    {
        var columns = db.Model.FindEntityType(typeof(Sample))!.GetProperties().Select(p => p.GetColumnName()).Where(c => c != "Id").ToList();
        var rows = new List<string>();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"'{c}=' || quote(\"{c}\") || ':' || typeof(\"{c}\")"))} FROM samples ORDER BY Name";
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)));
        }

        return rows;
    }

    private async Task<List<string>> StoredAndClearAsync()
    {
        var rows = await StoredAsync();
        await db.Samples.ExecuteDeleteAsync();
        return rows;
    }

    private sealed class SampleContext(DbContextOptions<SampleContext> options) : DbContext(options)
    {
        public DbSet<Sample> Samples => Set<Sample>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Sample>(e =>
            {
                e.ToTable("samples");
                e.HasIndex(s => s.Name).IsUnique();
                e.Property(s => s.Kind).HasConversion<string>();
            });
        }

        protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => OutreachDatabase.ApplyConventions(this, configurationBuilder);
    }

    private sealed class Sample
    {
        public long Id { get; set; }

        public required string Name { get; set; }

        public string? Note { get; set; }

        public int Count { get; set; }

        public bool Flag { get; set; }

        public double Score { get; set; }

        public DateOnly? Day { get; set; }

        public DateTimeOffset At { get; set; }

        public DateTimeOffset? Maybe { get; set; }

        public SampleKind Kind { get; set; }

        public SampleLevel Level { get; set; }
    }

    private enum SampleKind
    {
        Sms,
        Voice,
    }

    private enum SampleLevel
    {
        Low,
        High,
    }
}
