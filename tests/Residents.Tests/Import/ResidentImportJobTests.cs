using System.Text;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Outreach.Residents.Archive;
using Outreach.Residents.Import;
using Outreach.Residents.Storage;
using Outreach.Residents.Tests.Api;
using Outreach.Storage;
using Outreach.Testing;

namespace Outreach.Residents.Tests.Import;

public abstract class ResidentImportJobTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ResidentImportJobTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ResidentImportJobTests(DatabaseProvider.PostgreSql);

    private readonly ArchiveDatabase archive = new(provider);

    /// <summary>The clock of the tests that run the job themselves (the lease is kept by it).</summary>
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => archive.InitializeAsync();

    public Task DisposeAsync() => archive.DisposeAsync();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<List<Resident>> ResidentsAsync()
    {
        await using var db = archive.CreateContext();
        return await db.Residents.Include(r => r.Dates).Include(r => r.Community).OrderBy(r => r.Id).ToListAsync();
    }

    private async Task<List<ResidentImportRejection>> RejectionsAsync(int importId)
    {
        await using var db = archive.CreateContext();
        return await db.ImportRejections.Where(r => r.ImportId == importId).OrderBy(r => r.Line).ToListAsync();
    }

    private const string ChineseFile = "姓名,手机,社区,楼栋,单元,户号,出生日期,语言,渠道,标签,编号,体检日期\n王秀英,138 0013 8000,新河,3,2,301,1950-03-01,中文,电话,elderly|独居,E1,2026-12-05\n";

    [Fact]
    public async Task Reads_utf8_without_bom_with_chinese_headers()
    {
        var import = await archive.ImportAsync(Utf8(ChineseFile));
        Assert.Equal((ResidentImportStatus.Completed, "utf-8", 1, 1, 0), (import.Status, import.Encoding, import.TotalRows, import.Created, import.Rejected));
        var r = Assert.Single(await ResidentsAsync());
        Assert.Equal(("王秀英", "+8613800138000", "新河社区", "3", "2", "301"), (r.Name, r.Phone, r.Community!.Name, r.Building, r.Unit, r.Household));
        Assert.Equal((new DateOnly(1950, 3, 1), "zh-CN", ContactChannel.Voice, "E1"), (r.BirthDate, r.Language, r.PreferredChannel, r.ExternalId));
        Assert.Equal(["elderly", "独居"], r.Tags);
        Assert.Equal(("体检日期", new DateOnly(2026, 12, 5)), (r.Dates.Single().Name, r.Dates.Single().Value));
    }

    [Fact]
    public async Task Reads_utf8_with_bom()
    {
        var import = await archive.ImportAsync([.. Encoding.UTF8.GetPreamble(), .. Utf8(ChineseFile)]);
        Assert.Equal(("utf-8 (BOM)", 1), (import.Encoding, import.Created));
        Assert.Equal("王秀英", Assert.Single(await ResidentsAsync()).Name);
    }

    [Fact]
    public async Task Reads_gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var import = await archive.ImportAsync(Encoding.GetEncoding("GB18030").GetBytes(ChineseFile));
        Assert.Equal(("gb18030", 1, 0), (import.Encoding, import.Created, import.Rejected));
        var r = Assert.Single(await ResidentsAsync());
        Assert.Equal(("王秀英", "新河社区"), (r.Name, r.Community!.Name));
    }

    [Fact]
    public async Task Normalises_the_ways_clerks_write_numbers()
    {
        var import = await archive.ImportAsync(Utf8("""
            Name,Phone,Community,External ID
            A,138 0013 8001,新河社区,1
            B,+86-138-0013-8002,新河社区,2
            C,008613800138003,新河社区,3
            D,0571-8888 0000,湖滨,4
            """));
        Assert.Equal(4, import.Created);
        Assert.Equal(["+8613800138001", "+8613800138002", "+8613800138003", "+8657188880000"], (await ResidentsAsync()).Select(r => r.Phone));
    }

    [Fact]
    public async Task Rejects_bad_rows_with_their_line_and_a_reason_a_clerk_reads()
    {
        var import = await archive.ImportAsync(Utf8("""
            name,phone,community,birth date,checkup_due
            Good,13800138000,新河,1950-03-01,
            Short,1380013,新河,,
            Nowhere,13800138001,西湖,,
            Badbirth,13800138002,新河,1950-13-01,
            Baddue,13800138003,新河,,next week
            ,13800138004,新河,,
            Nocommunity,13800138005,,,
            """));
        Assert.Equal((1, 6, 7), (import.Created, import.Rejected, import.ProcessedRows));
        var rejections = await RejectionsAsync(import.Id);
        Assert.Equal(
            [
                (3, "phone 1380013 is too short"),
                (4, "community 西湖 is not in this street (known: 新河社区, 湖滨社区)"),
                (5, "birth date 1950-13-01 is not a date (write it like 1950-03-01)"),
                (6, "checkup_due next week is not a date (write it like 2026-12-01)"),
                (7, "name is empty"),
                (8, "community is empty; a new resident needs one"),
            ],
            rejections.Select(r => (r.Line, r.Reason)));
        // Every rejected row keeps its text, whether the reading thread or the writing one rejected it.
        Assert.Equal(["Short,1380013,新河,,", "Nocommunity,13800138005,,,"], [rejections[0].Row, rejections[5].Row]);
    }

    [Fact]
    public async Task Rejects_duplicates_inside_one_file()
    {
        var import = await archive.ImportAsync(Utf8("""
            name,phone,community,external id
            A,13800138000,新河,
            A again,138-0013-8000,新河,
            B,13800138001,新河,E1
            B again,13800138002,新河,E1
            """));
        Assert.Equal((2, 2), (import.Created, import.Rejected));
        Assert.Equal(
            [(3, "duplicate of line 2 (same phone +8613800138000)", "A again,138-0013-8000,新河,"), (5, "duplicate of line 4 (same external id E1)", "B again,13800138002,新河,E1")],
            (await RejectionsAsync(import.Id)).Select(r => (r.Line, r.Reason, r.Row)));
    }

    [Fact]
    public async Task Skips_empty_lines_and_keeps_counting_physical_lines()
    {
        var import = await archive.ImportAsync(Utf8("name,phone,community\r\n\r\nA,13800138000,新河\r\n,,\r\n\r\nB,1380013,新河\r\n"));
        Assert.Equal((2, 1, 1), (import.TotalRows, import.Created, import.Rejected));
        Assert.Equal(6, Assert.Single(await RejectionsAsync(import.Id)).Line);
    }

    [Fact]
    public async Task Quoted_commas_and_newlines_stay_inside_their_field()
    {
        var import = await archive.ImportAsync(Utf8("name,phone,community,household\n\"Smith, John\",13800138000,新河,\"Room 3\nBack door\"\nBad,1380013,新河,1\n"));
        Assert.Equal((1, 1), (import.Created, import.Rejected));
        var r = Assert.Single(await ResidentsAsync());
        Assert.Equal(("Smith, John", "Room 3\nBack door"), (r.Name, r.Household));
        Assert.Equal(4, Assert.Single(await RejectionsAsync(import.Id)).Line);
    }

    [Fact]
    public async Task Reimport_updates_instead_of_duplicating()
    {
        await archive.ImportAsync(Utf8("name,phone,community,grid,external id\nA,13800138000,新河,1,E1\nB,13800138001,新河,1,\n"));
        var second = await archive.ImportAsync(Utf8("name,phone,community,grid,external id\nA renamed,13900139000,湖滨,2,E1\nB,138 0013 8001,新河,3,\n"));
        Assert.Equal((0, 2), (second.Created, second.Updated));
        var residents = await ResidentsAsync();
        Assert.Equal(2, residents.Count);
        Assert.Equal(("A renamed", "+8613900139000", "湖滨社区", "2"), (residents[0].Name, residents[0].Phone, residents[0].Community!.Name, residents[0].Grid));
        Assert.Equal("3", residents[1].Grid);
    }

    [Fact]
    public async Task A_row_without_external_id_updates_the_resident_an_earlier_row_of_the_file_created()
    {
        var import = await archive.ImportAsync(Utf8("name,phone,community,grid,external id\nA,13800138000,新河,1,E1\nA,13800138000,新河,2,\n"));
        Assert.Equal((1, 1, 0), (import.Created, import.Updated, import.Rejected));
        Assert.Equal("2", Assert.Single(await ResidentsAsync()).Grid);
    }

    [Fact]
    public async Task New_ids_never_reuse_those_of_deleted_residents()
    {
        await archive.ImportAsync(Utf8("name,phone,community\nA,13800138000,新河\nB,13800138001,新河\n"));
        await using (var db = archive.CreateContext())
        {
            await db.Residents.Where(r => r.Name == "B").ExecuteDeleteAsync();
        }

        await archive.ImportAsync(Utf8("name,phone,community\nC,13800138002,新河\n"));
        Assert.Equal([("A", 1), ("C", 3)], (await ResidentsAsync()).Select(r => (r.Name, r.Id)));
    }

    [Fact]
    public async Task Columns_missing_from_a_later_file_keep_their_values()
    {
        await archive.ImportAsync(Utf8("name,phone,community,grid,language,channel\nA,13800138000,新河,1,en,voice\n"));
        await archive.ImportAsync(Utf8("name,phone,language,channel\nA,13800138000,,\n"));
        var r = Assert.Single(await ResidentsAsync());
        Assert.Equal(("1", "en", ContactChannel.Voice), (r.Grid, r.Language, r.PreferredChannel));
    }

    [Fact]
    public async Task Each_row_of_a_batch_is_written_with_its_own_values_not_the_previous_rows()
    {
        // Consecutive rows alternate between a value, the same value, an empty cell and another value, for new
        // residents and then for updates of them: a statement reused for the next row must not keep a stale value.
        const string Header = "name,phone,second phone,community,grid,birth date,language,channel,tags,checkup_due,external id\n";
        string[] rows =
        [
            "A,13800138000,13900139000,新河,1,1950-03-01,en,voice,elderly,2026-12-01,E1",
            "B,13800138001,13900139000,新河,1,1950-03-01,en,voice,elderly,2026-12-01,E2",
            "C,13800138002,,湖滨,,,,,,,",
            "D,13800138003,13900139003,新河,4,1960-01-02,zh-CN,sms,disabled,2026-11-02,E4",
        ];
        await archive.ImportAsync(Utf8(Header + string.Join("\n", rows) + "\n"));
        static string Stored(Resident r) => string.Join(
            ' ', r.Name, r.SecondPhone, r.Community!.Name, r.Grid, r.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Language, r.PreferredChannel,
            string.Join('|', r.Tags), string.Join('|', r.Dates.Select(d => d.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))), r.ExternalId);
        Assert.Equal(
            [
                "A +8613900139000 新河社区 1 1950-03-01 en Voice elderly 2026-12-01 E1",
                "B +8613900139000 新河社区 1 1950-03-01 en Voice elderly 2026-12-01 E2",
                "C  湖滨社区   zh-CN Sms   ",
                "D +8613900139003 新河社区 4 1960-01-02 zh-CN Sms disabled 2026-11-02 E4",
            ],
            (await ResidentsAsync()).Select(Stored).ToList());

        // Updates of the same residents, again differing from or equal to the row before: emptied, changed, copied.
        var updated = await archive.ImportAsync(Utf8(Header + """
            A,13800138000,,新河,,,,,,,E1
            B,13800138001,13900139009,湖滨,9,1970-05-05,zh-CN,sms,disabled,2026-10-10,E2
            C,13800138002,13900139000,新河,1,1950-03-01,en,voice,elderly,2026-12-01,
            D,13800138003,13900139000,新河,1,1950-03-01,en,voice,elderly,2026-12-01,E4

            """.Replace("\r\n", "\n", StringComparison.Ordinal)));
        Assert.Equal((0, 4, 0), (updated.Created, updated.Updated, updated.Rejected));
        Assert.Equal(
            [
                "A  新河社区   en Voice  2026-12-01 E1",
                "B +8613900139009 湖滨社区 9 1970-05-05 zh-CN Sms disabled 2026-10-10 E2",
                "C +8613900139000 新河社区 1 1950-03-01 en Voice elderly 2026-12-01 ",
                "D +8613900139000 新河社区 1 1950-03-01 en Voice elderly 2026-12-01 E4",
            ],
            (await ResidentsAsync()).Select(Stored).ToList());
    }

    [Fact]
    public async Task A_file_longer_than_a_batch_is_written_across_batches_with_duplicates_found_across_them()
    {
        // One row more than a batch, and then a row repeating the first row's phone: the duplicate is found in the
        // second batch, with the line of the first row, which the first batch wrote.
        var rows = Enumerable.Range(0, ResidentImportJob.BatchSize + 1)
            .Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"R{i},138{i:D8},新河,elderly|Living Alone,2026-12-01"));
        var import = await archive.ImportAsync(Utf8("name,phone,community,tags,checkup_due\n" + string.Join("\n", rows) + "\nAgain,13800000000,湖滨,,\n"));
        Assert.Equal((ResidentImportStatus.Completed, ResidentImportJob.BatchSize + 2, ResidentImportJob.BatchSize + 1, 1),
            (import.Status, import.ProcessedRows, import.Created, import.Rejected));
        var rejection = Assert.Single(await RejectionsAsync(import.Id));
        Assert.Equal((ResidentImportJob.BatchSize + 3, "duplicate of line 2 (same phone +8613800000000)"), (rejection.Line, rejection.Reason));
        var residents = await ResidentsAsync();
        var last = residents[^1];
        Assert.Equal((ResidentImportJob.BatchSize + 1, $"R{ResidentImportJob.BatchSize}", "+86138000" + ResidentImportJob.BatchSize.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)),
            (residents.Count, last.Name, last.Phone));
        Assert.Equal(["elderly", "living_alone"], last.Tags);
        Assert.Equal(new DateOnly(2026, 12, 1), Assert.Single(last.Dates).Value);
    }

    [Fact]
    public async Task Running_the_job_twice_changes_nothing()
    {
        var import = await archive.ImportAsync(Utf8(ChineseFile));
        await using (var db = archive.CreateContext())
        {
            await new ResidentImportJob(db, new("CN"), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ResidentImportJob>.Instance)
                .RunAsync(import.Id, CancellationToken.None);
        }

        await using var check = archive.CreateContext();
        var again = await check.Imports.SingleAsync(i => i.Id == import.Id);
        Assert.Equal((1, 0, import.CompletedAt), (again.Created, again.Updated, again.CompletedAt));
        Assert.Single(await ResidentsAsync());
    }

    [Fact]
    public async Task Rerun_after_a_crash_resumes_after_the_committed_rows()
    {
        var import = await archive.ImportAsync(Utf8("name,phone,community\nA,13800138000,新河\n"));
        await using (var db = archive.CreateContext())
        {
            // As if the process died after the first batch of a two-row file committed.
            var file = await db.ImportFiles.SingleAsync(f => f.ImportId == import.Id);
            file.Content = Utf8("name,phone,community\nA,13800138000,新河\nB,13800138001,新河\n");
            var stored = await db.Imports.SingleAsync(i => i.Id == import.Id);
            stored.Status = ResidentImportStatus.Running;
            stored.TotalRows = 2;
            await db.SaveChangesAsync();
            await new ResidentImportJob(db, new("CN"), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ResidentImportJob>.Instance)
                .RunAsync(import.Id, CancellationToken.None);
        }

        await using var check = archive.CreateContext();
        var resumed = await check.Imports.SingleAsync(i => i.Id == import.Id);
        Assert.Equal((ResidentImportStatus.Completed, 2, 2, 0), (resumed.Status, resumed.ProcessedRows, resumed.Created, resumed.Updated));
        Assert.Equal(["A", "B"], (await ResidentsAsync()).Select(r => r.Name));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("PK\u0003\u0004 rest of a zip", "Excel workbook")]
    [InlineData("name,community\nA,新河\n", "the file has no phone column (phone, 电话 or 手机); its header is: name, community")]
    [InlineData("电话,社区\n13800138000,新河\n", "the file has no name column")]
    [InlineData("just some text without columns", "no name column")]
    public async Task Refuses_files_that_are_not_an_archive(string content, string expected)
    {
        await using var db = archive.CreateContext();
        var error = await Assert.ThrowsAsync<ResidentImportFileException>(
            () => new ResidentImporter(db, new ArchiveDatabase.StaffScope(), TimeProvider.System).AcceptAsync(Utf8(content), "x.csv", null, CancellationToken.None));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(db.Imports);
    }

    [Fact]
    public async Task Two_runs_at_once_import_the_file_once()
    {
        // Hangfire runs a job at least once, and its SQLite storage has run one job on two workers.
        var rows = Enumerable.Range(0, 3_000).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"R{i},139{i:D8},新河"));
        var id = await AcceptAsync(Utf8("name,phone,community\n" + string.Join("\n", rows) + "\n"));

        await Task.WhenAll(RunAsync(id), RunAsync(id));

        var import = await ImportAsync(id);
        Assert.Equal((ResidentImportStatus.Completed, 3_000, 3_000, 0, 0, null), (import.Status, import.ProcessedRows, import.Created, import.Updated, import.Rejected, import.LeaseOwner));
        Assert.Equal(3_000, (await ResidentsAsync()).Count);
    }

    [Fact]
    public async Task A_run_leaves_an_import_a_live_run_holds_and_takes_it_over_once_that_lease_runs_out()
    {
        var id = await AcceptAsync(Utf8("name,phone,community\nA,13800138000,新河\n"));
        await using (var db = archive.CreateContext())
        {
            // Another run (on another server, or one that was killed) took it a moment ago.
            await db.Imports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ResidentImportStatus.Running)
                .SetProperty(i => i.LeaseOwner, "another run")
                .SetProperty(i => i.LeaseUntil, time.GetUtcNow() + ResidentImportJob.Lease - TimeSpan.FromSeconds(10)));
        }

        await RunAsync(id);
        var held = await ImportAsync(id);
        Assert.Equal((ResidentImportStatus.Running, 0, "another run"), (held.Status, held.ProcessedRows, held.LeaseOwner));
        Assert.Empty(await ResidentsAsync());

        // The holder never renewed its lease: it died. The next run resumes the import.
        time.Advance(ResidentImportJob.Lease);
        await RunAsync(id);
        var resumed = await ImportAsync(id);
        Assert.Equal((ResidentImportStatus.Completed, 1, 1, null, null), (resumed.Status, resumed.ProcessedRows, resumed.Created, resumed.LeaseOwner, resumed.LeaseUntil));
        Assert.Equal("A", Assert.Single(await ResidentsAsync()).Name);
    }

    [Fact]
    public async Task A_run_whose_import_was_taken_over_between_batches_rolls_its_next_batch_back_and_stops()
    {
        var rows = Enumerable.Range(0, ResidentImportJob.BatchSize + 2_000).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"R{i},139{i:D8},新河"));
        var id = await AcceptAsync(Utf8("name,phone,community\n" + string.Join("\n", rows) + "\n"));
        // Once the first batch has committed, the run stalls past its lease and another run claims the import.
        var takeover = new TakeOverAfterFirstBatch(archive, time, id);
        await using (var db = archive.CreateContext(takeover))
        {
            await new ResidentImportJob(db, new("CN"), time, NullLogger<ResidentImportJob>.Instance).RunAsync(id, CancellationToken.None);
        }

        Assert.True(takeover.TookOver);
        var import = await ImportAsync(id);
        Assert.Equal((ResidentImportStatus.Running, ResidentImportJob.BatchSize, ResidentImportJob.BatchSize, TakeOverAfterFirstBatch.Thief), (import.Status, import.ProcessedRows, import.Created, import.LeaseOwner));
        Assert.Equal(ResidentImportJob.BatchSize, (await ResidentsAsync()).Count);

        // The run that took over finishes the file from the committed rows.
        time.Advance(ResidentImportJob.Lease * 2);
        await RunAsync(id);
        var finished = await ImportAsync(id);
        Assert.Equal((ResidentImportStatus.Completed, ResidentImportJob.BatchSize + 2_000, ResidentImportJob.BatchSize + 2_000), (finished.Status, finished.ProcessedRows, finished.Created));
        Assert.Equal(ResidentImportJob.BatchSize + 2_000, (await ResidentsAsync()).Count);
    }

    /// <summary>After the commit that first records processed rows, claims the import for another run, as ClaimAsync would once the lease ran out.</summary>
    private sealed class TakeOverAfterFirstBatch(ArchiveDatabase archive, FakeTimeProvider time, int importId) : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        public const string Thief = "another run";

        public bool TookOver { get; private set; }

        public override async Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (TookOver)
            {
                return;
            }

            await using var db = archive.CreateContext();
            if (await db.Imports.AnyAsync(i => i.Id == importId && i.ProcessedRows > 0, cancellationToken))
            {
                time.Advance(ResidentImportJob.Lease * 2);
                var now = time.GetUtcNow();
                TookOver = await db.Imports.Where(i => i.Id == importId && i.LeaseUntil < now)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, Thief).SetProperty(i => i.LeaseUntil, now + ResidentImportJob.Lease), cancellationToken) == 1;
            }
        }
    }

    [Fact]
    public async Task A_run_that_fails_lets_the_import_go_so_that_the_retry_resumes_it_at_once()
    {
        var id = await AcceptAsync(Utf8("name,phone,community\nA,13800138000,新河\n"));
        byte[] content;
        await using (var db = archive.CreateContext())
        {
            // The stored file gone for a moment: the run fails after it took the import.
            var file = await db.ImportFiles.SingleAsync(f => f.ImportId == id);
            content = file.Content;
            db.ImportFiles.Remove(file);
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(id));
        var failed = await ImportAsync(id);
        Assert.Equal((ResidentImportStatus.Running, null), (failed.Status, failed.LeaseOwner));

        await using (var db = archive.CreateContext())
        {
            db.ImportFiles.Add(new ResidentImportFile { ImportId = id, Content = content });
            await db.SaveChangesAsync();
        }

        // Hangfire's retry, well within the failed run's lease (the clock has not moved).
        await RunAsync(id);
        Assert.Equal((ResidentImportStatus.Completed, 1), ((await ImportAsync(id)).Status, (await ImportAsync(id)).Created));
    }

    [Fact]
    public async Task After_a_restart_unfinished_imports_run_again_at_once_or_when_their_holders_lease_runs_out()
    {
        var queued = await AcceptAsync(Utf8("name,phone,community\nA,13800138000,新河\n"));
        var held = await AcceptAsync(Utf8("name,phone,community\nB,13800138001,新河\n"));
        var done = await AcceptAsync(Utf8("name,phone,community\nC,13800138002,新河\n"));
        await RunAsync(done);
        var leaseEnds = time.GetUtcNow() + TimeSpan.FromSeconds(20);
        await using (var db = archive.CreateContext())
        {
            await db.Imports.Where(i => i.Id == held).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ResidentImportStatus.Running).SetProperty(i => i.LeaseOwner, "killed run").SetProperty(i => i.LeaseUntil, leaseEnds));
        }

        var jobs = new RecordingJobClient();
        await using var services = new ServiceCollection().AddScoped(_ => archive.CreateContext()).AddSingleton<Hangfire.IBackgroundJobClient>(jobs).BuildServiceProvider();
        await new ImportResumption(services.GetRequiredService<IServiceScopeFactory>(), time, NullLogger<ImportResumption>.Instance).StartAsync(CancellationToken.None);

        Assert.Equal(2, jobs.Created.Count);
        Assert.All(jobs.Created, c => Assert.Equal(nameof(ResidentImportJob.RunAsync), c.Job.Method.Name));
        Assert.IsType<EnqueuedState>(jobs.Created.Single(c => (int)c.Job.Args[0]! == queued).State);
        var later = Assert.IsType<ScheduledState>(jobs.Created.Single(c => (int)c.Job.Args[0]! == held).State);
        Assert.Equal(leaseEnds.UtcDateTime.AddSeconds(1), later.EnqueueAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task While_running_an_import_whose_holder_stopped_renewing_runs_again_once_its_lease_ran_out()
    {
        var jobs = new RecordingJobClient();
        await using var services = new ServiceCollection().AddScoped(_ => archive.CreateContext()).AddSingleton<Hangfire.IBackgroundJobClient>(jobs).BuildServiceProvider();
        await using var resumption = new ImportResumption(services.GetRequiredService<IServiceScopeFactory>(), time, NullLogger<ImportResumption>.Instance);
        await resumption.StartAsync(CancellationToken.None);
        Assert.Empty(jobs.Created);

        // Two imports running on other servers: one whose server died (its lease runs out in 10 s), one whose holder
        // keeps renewing.
        var orphaned = await AcceptAsync(Utf8("name,phone,community\nA,13800138000,新河\n"));
        var alive = await AcceptAsync(Utf8("name,phone,community\nB,13800138001,新河\n"));
        await using (var db = archive.CreateContext())
        {
            await db.Imports.Where(i => i.Id == orphaned).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ResidentImportStatus.Running).SetProperty(i => i.LeaseOwner, "dead server").SetProperty(i => i.LeaseUntil, time.GetUtcNow().AddSeconds(10)));
            await db.Imports.Where(i => i.Id == alive).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ResidentImportStatus.Running).SetProperty(i => i.LeaseOwner, "live server").SetProperty(i => i.LeaseUntil, time.GetUtcNow() + (2 * ResidentImportJob.Lease)));
        }

        time.Advance(ResidentImportJob.Lease);

        await Eventually.UntilAsync(() => Task.FromResult(jobs.Created.Count), n => n > 0, what: "a run for the orphaned import");
        var run = Assert.Single(jobs.Created);
        Assert.Equal(orphaned, (int)run.Job.Args[0]!);
        Assert.IsType<EnqueuedState>(run.State);

        // Stopped: no more passes.
        await resumption.StopAsync(CancellationToken.None);
        time.Advance(ResidentImportJob.Lease * 3);
        Assert.Single(jobs.Created);
    }

    private async Task<int> AcceptAsync(byte[] content)
    {
        await using var db = archive.CreateContext();
        return (await new ResidentImporter(db, new ArchiveDatabase.StaffScope(), time).AcceptAsync(content, "archive.csv", "clerk", CancellationToken.None)).Id;
    }

    private async Task RunAsync(int importId)
    {
        await using var db = archive.CreateContext();
        await new ResidentImportJob(db, new("CN"), time, NullLogger<ResidentImportJob>.Instance).RunAsync(importId, CancellationToken.None);
    }

    private async Task<ResidentImport> ImportAsync(int importId)
    {
        await using var db = archive.CreateContext();
        return await db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId);
    }

    [Fact]
    public async Task Lists_columns_it_did_not_read()
    {
        var import = await archive.ImportAsync(Utf8("name,phone,community,shoe size\nA,13800138000,新河,42\n"));
        Assert.Equal("shoe size", import.IgnoredColumns);
    }
}
