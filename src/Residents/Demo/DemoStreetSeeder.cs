using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Demo;

/// <summary>Writes <see cref="DemoStreet"/> into an empty archive (configuration Outreach:SeedDemo).</summary>
public sealed class DemoStreetSeeder(ResidentsDbContext db, IOptions<ResidentsOptions> options, TimeProvider time, ILogger<DemoStreetSeeder> logger)
{
    /// <summary>Seeds once: returns false and changes nothing when any street exists.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Streets.AnyAsync(cancellationToken))
        {
            return false;
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var street = new Street { Name = DemoStreet.Name, TimeZone = options.Value.DefaultTimeZone, OfficePhone = DemoStreet.OfficePhone };
        foreach (var (name, phone) in DemoStreet.Communities)
        {
            street.Communities.Add(new Community { Name = name, OnDutyPhone = phone });
        }

        db.Streets.Add(street);
        var communities = street.Communities.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var demo in DemoStreet.Residents)
        {
            var resident = new Resident
            {
                ExternalId = demo.ExternalId,
                Name = demo.Name,
                Phone = demo.Phone,
                Language = demo.Language,
                PreferredChannel = demo.Channel,
                Community = communities[demo.Community],
                Grid = demo.Grid,
                Building = demo.Building,
                Unit = demo.Unit,
                Household = demo.Household,
                BirthDate = demo.BirthDate,
                Tags = [.. demo.Tags],
                ConsentedAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            };
            if (demo.CheckupDueInDays is { } days)
            {
                resident.Dates.Add(new ResidentDate { Name = "checkup_due", Value = today.AddDays(days) });
            }

            db.Residents.Add(resident);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the demo street {Street}: {Communities} communities, {Residents} residents", DemoStreet.Name, DemoStreet.Communities.Count, DemoStreet.Residents.Count);
        return true;
    }
}
