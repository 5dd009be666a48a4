using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Outreach.Residents.Access;
using Outreach.Residents.Archive;
using Outreach.Residents.Audiences;
using Outreach.Storage;

namespace Outreach.Residents.Tests.Audiences;

/// <summary>The audience language translated by EF Core and run on a real SQLite and PostgreSQL archive.</summary>
public abstract class AudienceQueryTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : AudienceQueryTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : AudienceQueryTests(DatabaseProvider.PostgreSql);

    private static readonly DateOnly Today = new(2026, 11, 29);
    private readonly ArchiveDatabase archive = new(provider);

    public async Task InitializeAsync()
    {
        await archive.InitializeAsync();
        await archive.AddResidentAsync(r =>
        {
            r.Name = "王秀英";
            r.Phone = "+8613800138001";
            r.BirthDate = new DateOnly(1950, 3, 1);
            r.Tags = ["elderly", "living_alone"];
            r.Grid = "A";
            r.Building = "3";
            r.PreferredChannel = ContactChannel.Voice;
            r.Dates = [new ResidentDate { Name = "checkup_due", Value = Today.AddDays(5) }];
        });
        await archive.AddResidentAsync(r =>
        {
            r.Name = "李明";
            r.Phone = "+8613800138002";
            r.SecondPhone = "+8657188881234";
            r.BirthDate = Today.AddYears(-60);
            r.Tags = ["elderly"];
            r.Grid = "B";
            r.Dates = [new ResidentDate { Name = "checkup_due", Value = Today.AddDays(30) }];
        });
        await archive.AddResidentAsync(r =>
        {
            r.Name = "Emily Chen";
            r.Phone = "+8613800138003";
            r.Language = "en";
            r.BirthDate = Today.AddYears(-60).AddDays(1);
            r.Tags = ["elderly_care_volunteer"];
            r.CommunityId = archive.Hubin;
        });
        await archive.AddResidentAsync(r =>
        {
            r.Name = "赵六";
            r.Phone = "+8613800138004";
            r.OptedOutAt = DateTimeOffset.UnixEpoch;
            r.Tags = ["elderly"];
            r.BirthDate = new DateOnly(1940, 1, 1);
        });
    }

    public Task DisposeAsync() => archive.DisposeAsync();

    [Theory]
    [InlineData("", "王秀英,李明,Emily Chen")]
    [InlineData("community = \"新河\"", "王秀英,李明")]
    [InlineData("community = \"湖滨社区\"", "Emily Chen")]
    [InlineData("community != \"新河\"", "Emily Chen")]
    [InlineData("tags has \"elderly\"", "王秀英,李明")]
    [InlineData("tags has \"Living Alone\"", "王秀英")]
    [InlineData("not tags has \"elderly\"", "Emily Chen")]
    [InlineData("age >= 60", "王秀英,李明")]
    [InlineData("age > 60", "王秀英")]
    [InlineData("age < 60", "Emily Chen")]
    [InlineData("age <= 59", "Emily Chen")]
    [InlineData("age = 60", "李明")]
    [InlineData("age != 60", "王秀英,Emily Chen")]
    [InlineData("age in (59, 76)", "王秀英,Emily Chen")]
    [InlineData("checkup_due within 7 days", "王秀英")]
    [InlineData("checkup_due within 5 weeks", "王秀英,李明")]
    [InlineData("checkup_due before 2026-12-10", "王秀英")]
    [InlineData("checkup_due after 2026-12-10", "李明")]
    [InlineData("checkup_due = 2026-12-04", "王秀英")]
    [InlineData("checkup_due is set", "王秀英,李明")]
    [InlineData("checkup_due is not set", "Emily Chen")]
    [InlineData("birth_date before 1960-01-01", "王秀英")]
    [InlineData("language = \"EN\"", "Emily Chen")]
    [InlineData("channel = voice", "王秀英")]
    [InlineData("channel != voice", "李明,Emily Chen")]
    [InlineData("grid in (\"A\", \"B\")", "王秀英,李明")]
    [InlineData("grid not in (\"A\")", "李明,Emily Chen")]
    [InlineData("grid is not set", "Emily Chen")]
    [InlineData("building = 3", "王秀英")]
    [InlineData("name contains \"王\"", "王秀英")]
    [InlineData("phone = \"138 0013 8002\"", "李明")]
    [InlineData("phone = \"0571-8888 1234\"", "李明")]
    [InlineData("community = \"新河\" and tags has \"elderly\" and age >= 60 and language = \"zh-CN\"", "王秀英,李明")]
    [InlineData("(grid = \"A\" or language = en) and not age > 70", "Emily Chen")]
    public async Task Matches_on_sqlite(string audience, string expected)
    {
        await using var db = archive.CreateContext();
        var directory = new ResidentDirectory(db, new UnrestrictedScopeAccessor(), new FakeTimeProvider(new DateTimeOffset(Today, TimeOnly.MinValue, TimeSpan.Zero)));
        var names = await directory.InAudience(AudienceExpression.Parse(audience)).OrderBy(r => r.Id).Select(r => r.Name).ToListAsync();
        Assert.Equal(expected, string.Join(',', names));
    }

    [Fact]
    public async Task Values_are_sent_as_parameters_not_sql_text()
    {
        await using var db = archive.CreateContext();
        var sql = AudienceExpression.Parse("name = \"x'); drop table residents; --\"").ApplyTo(db.Residents, Today).ToQueryString();
        Assert.DoesNotContain("drop table", sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)), StringComparer.Ordinal);
        Assert.Contains("@", sql, StringComparison.Ordinal);
    }
}
