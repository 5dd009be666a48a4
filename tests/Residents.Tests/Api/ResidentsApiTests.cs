using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Outreach.Residents.Api;
using Outreach.Residents.Import;
using Outreach.Storage;

namespace Outreach.Residents.Tests.Api;

public abstract class ResidentsApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ResidentsApiTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ResidentsApiTests(DatabaseProvider.PostgreSql);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly ArchiveDatabase archive = new(provider);
    private ResidentsApiHost host = null!;

    private const string Archive = """
        编号,姓名,电话,社区,网格,出生日期,标签,checkup_due,语言,渠道
        E1,王秀英,138 0013 8000,新河,1,1950-03-01,elderly|living_alone,2026-12-03,zh-CN,voice
        E2,"Chen, Emily",13800138001,湖滨社区,2,1990-06-15,,,en,sms
        E3,李明,+86-139-0013-9000,新河,1,1960-01-01,elderly,2027-01-20,zh-CN,sms
        E4,赵六,1380013,新河,1,,,,,
        """;

    public async Task InitializeAsync()
    {
        await archive.InitializeAsync();
        host = await ResidentsApiHost.StartAsync(archive);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await archive.DisposeAsync();
    }

    private async Task<ResidentImportDto> PostImportAsync(string csv)
    {
        using var body = new StringContent(csv, Encoding.UTF8, "text/csv");
        var response = await host.Client.PostAsync(new Uri("/api/residents/import?fileName=archive.csv", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ResidentImportDto>(Json))!;
    }

    private async Task<T> GetAsync<T>(string url) => (await host.Client.GetFromJsonAsync<T>(new Uri(url, UriKind.Relative), Json))!;

    [Fact]
    public async Task Small_import_answers_with_its_counts_and_the_rejected_rows_download()
    {
        var import = await PostImportAsync(Archive);
        Assert.Equal((ResidentImportStatus.Completed, 100, 3, 0, 1), (import.Status, import.Percent, import.Created, import.Updated, import.Rejected));
        Assert.Equal(import.Id, (await GetAsync<ResidentImportDto>($"/api/residents/imports/{import.Id}")).Id);

        var rejected = await host.Client.GetStringAsync(new Uri(import.RejectedRowsUrl, UriKind.Relative));
        Assert.Equal("line,reason,编号,姓名,电话,社区,网格,出生日期,标签,checkup_due,语言,渠道\r\n5,phone 1380013 is too short,E4,赵六,1380013,新河,1,,,,,\r\n", rejected.TrimStart('\uFEFF'));
    }

    [Fact]
    public async Task Large_import_is_accepted_and_left_to_a_background_job()
    {
        await using var small = await ResidentsApiHost.StartAsync(archive, inlineImportMaxRows: 1);
        using var body = new StringContent(Archive, Encoding.UTF8, "text/csv");
        var response = await small.Client.PostAsync(new Uri("/api/residents/import", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var import = (await response.Content.ReadFromJsonAsync<ResidentImportDto>(Json))!;
        Assert.Equal((ResidentImportStatus.Queued, 4), (import.Status, import.TotalRows));
        Assert.Equal($"/api/residents/imports/{import.Id}", response.Headers.Location!.OriginalString);
        var job = Assert.Single(small.Jobs.Enqueued);
        Assert.Equal((typeof(ResidentImportJob), nameof(ResidentImportJob.RunAsync), (object)import.Id), (job.Type, job.Method.Name, job.Args[0]));
    }

    [Theory]
    [InlineData("name,community\nA,新河\n", "file: the file has no phone column")]
    [InlineData("", "file: the file is empty")]
    public async Task A_file_that_is_not_an_archive_is_a_400_that_says_why(string csv, string expected)
    {
        using var body = new StringContent(csv, Encoding.UTF8, "text/csv");
        var response = await host.Client.PostAsync(new Uri("/api/residents/import", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(Json))!;
        Assert.StartsWith(expected, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finds_residents_by_phone_as_clerks_write_it_and_by_community()
    {
        await PostImportAsync(Archive);
        var byPhone = await GetAsync<ResidentPageDto>("/api/residents?phone=" + Uri.EscapeDataString("+86 138-0013-8000"));
        Assert.Equal("王秀英", Assert.Single(byPhone.Items).Name);
        Assert.Equal(76, byPhone.Items[0].Age);
        Assert.Equal(new DateOnly(2026, 12, 3), byPhone.Items[0].Dates["checkup_due"]);

        var byCommunity = await GetAsync<ResidentPageDto>("/api/residents?community=" + Uri.EscapeDataString("新河") + "&limit=1&offset=1");
        Assert.Equal((2, 1, 1), (byCommunity.Total, byCommunity.Limit, byCommunity.Offset));
        Assert.Equal("李明", Assert.Single(byCommunity.Items).Name);
    }

    [Fact]
    public async Task Counts_and_pages_an_audience()
    {
        await PostImportAsync(Archive);
        var audience = Uri.EscapeDataString("community = \"新河\" and tags has \"elderly\" and age >= 60");
        Assert.Equal(2, (await GetAsync<AudienceCountDto>($"/api/residents/count?audience={audience}")).Count);
        var page = await GetAsync<ResidentPageDto>($"/api/residents?audience={Uri.EscapeDataString("checkup_due within 7 days")}");
        Assert.Equal("王秀英", Assert.Single(page.Items).Name);
    }

    [Theory]
    [InlineData("/api/residents/count?audience=")]
    [InlineData("/api/residents?audience=")]
    [InlineData("/api/residents/export?audience=")]
    public async Task An_invalid_audience_is_a_400_naming_the_position(string url)
    {
        var response = await host.Client.GetAsync(new Uri(url + Uri.EscapeDataString("age >= sixty"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(Json))!;
        Assert.Contains("at position 7", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(7, ((JsonElement)problem.Extensions["position"]!).GetInt32());
    }

    [Theory]
    [InlineData("/api/residents?phone=123", "phone 123")]
    [InlineData("/api/residents?limit=0", "limit must be between 1 and 500")]
    [InlineData("/api/residents/1?pageSize=1000", "pageSize must be between 1 and 200")]
    public async Task Bad_query_values_are_400s_naming_the_field(string url, string expected)
    {
        var response = await host.Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<ProblemDetails>(Json))!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_shows_the_timeline_newest_first_a_page_at_a_time()
    {
        await PostImportAsync(Archive);
        var id = (await GetAsync<ResidentPageDto>("/api/residents?limit=1")).Items[0].Id;
        for (var i = 1; i <= 5; i++)
        {
            ResidentsApiHost.Time.Advance(TimeSpan.FromMinutes(1));
            var created = await host.Client.PostAsJsonAsync(new Uri($"/api/residents/{id}/notes", UriKind.Relative), new StaffNoteRequest($"note {i}", null));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var first = await GetAsync<ResidentRecordDto>($"/api/residents/{id}?page=1&pageSize=2");
        Assert.Equal("王秀英", first.Resident.Name);
        Assert.Equal(5, first.Timeline.Total);
        Assert.Equal(["note 5", "note 4"], first.Timeline.Items.Select(e => e.Text));
        var last = await GetAsync<ResidentRecordDto>($"/api/residents/{id}?page=3&pageSize=2");
        Assert.Equal(["note 1"], last.Timeline.Items.Select(e => e.Text));
    }

    [Fact]
    public async Task Notes_need_text_and_a_resident()
    {
        var empty = await host.Client.PostAsJsonAsync(new Uri("/api/residents/1/notes", UriKind.Relative), new StaffNoteRequest(" ", null));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var missing = await host.Client.PostAsJsonAsync(new Uri("/api/residents/999/notes", UriKind.Relative), new StaffNoteRequest("hello", null));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Export_round_trips_through_import_unchanged()
    {
        await PostImportAsync(Archive);
        var exported = await host.Client.GetByteArrayAsync(new Uri("/api/residents/export", UriKind.Relative));
        var before = await GetAsync<ResidentPageDto>("/api/residents");

        var reimport = await PostImportAsync(Encoding.UTF8.GetString(exported).TrimStart('\uFEFF'));
        Assert.Equal((0, 3, 0), (reimport.Created, reimport.Updated, reimport.Rejected));
        var after = await GetAsync<ResidentPageDto>("/api/residents");
        Assert.Equal(
            before.Items.Select(r => r with { UpdatedAt = default, Dates = null!, Tags = null! }),
            after.Items.Select(r => r with { UpdatedAt = default, Dates = null!, Tags = null! }));
        Assert.Equal(before.Items.Select(r => string.Join('|', r.Tags) + string.Join(',', r.Dates)), after.Items.Select(r => string.Join('|', r.Tags) + string.Join(',', r.Dates)));
        Assert.Equal(exported, await host.Client.GetByteArrayAsync(new Uri("/api/residents/export", UriKind.Relative)));
    }

    [Fact]
    public async Task Lists_communities_with_their_resident_counts()
    {
        await PostImportAsync(Archive);
        var communities = await GetAsync<List<CommunityDto>>("/api/communities");
        Assert.Equal([("新河社区", 2), ("湖滨社区", 1)], communities.Select(c => (c.Name, c.Residents)));
    }
}
