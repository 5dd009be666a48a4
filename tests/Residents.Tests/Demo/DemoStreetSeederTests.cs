using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Outreach.Residents.Demo;
using Outreach.Residents.Storage;
using Outreach.Telephony.PhoneNumbers;
using Outreach.Testing;
using Outreach.Storage;

namespace Outreach.Residents.Tests.Demo;

public sealed class DemoStreetSeederTests : IDisposable
{
    private readonly TestDatabase database = new();

    [Fact]
    public async Task Seeds_two_communities_and_at_least_200_mixed_residents_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
        var seeder = new DemoStreetSeeder(db, Microsoft.Extensions.Options.Options.Create(new Outreach.Residents.ResidentsOptions()), time, NullLogger<DemoStreetSeeder>.Instance);

        Assert.True(await seeder.SeedAsync(CancellationToken.None));
        Assert.False(await seeder.SeedAsync(CancellationToken.None));

        var street = await db.Streets.Include(s => s.Communities).SingleAsync();
        Assert.Equal("Asia/Shanghai", street.TimeZone);
        Assert.Equal(["新河社区", "湖滨社区"], street.Communities.Select(c => c.Name));
        Assert.All(street.Communities, c => Assert.NotNull(c.OnDutyPhone));
        var residents = await db.Residents.Include(r => r.Dates).ToListAsync();
        Assert.True(residents.Count >= 200);
        Assert.Contains(residents, r => r.Language == "en" && r.Name.Contains(' ', StringComparison.Ordinal));
        Assert.True(residents.Count(r => r.Language == "zh-CN") > residents.Count / 2);
        Assert.Equal(2, residents.Select(r => r.PreferredChannel).Distinct().Count());
        Assert.Contains(residents, r => r.Tags.Contains("elderly") && r.Dates.Any(d => d.Name == "checkup_due"));
        var parser = new PhoneNumberParser("CN");
        Assert.All(residents, r => Assert.True(parser.Parse(r.Phone) is { IsValid: true, IsMobile: true }, r.Phone));
        Assert.Equal(residents.Count, residents.Select(r => r.Phone).Distinct().Count());
        Assert.Equal(DemoStreet.Residents.Select(d => d.Phone).Order(), residents.Select(r => r.Phone).Order());
    }

    private ResidentsDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<ResidentsDbContext>();
        OutreachDatabase.Configure(builder, database.Options, "residents");
        return new ResidentsDbContext(builder.Options);
    }

    public void Dispose() => database.Dispose();
}
