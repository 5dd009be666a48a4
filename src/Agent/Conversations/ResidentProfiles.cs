using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Wording;
using Outreach.Residents.Archive;

namespace Outreach.Agent.Conversations;

/// <summary>Loads the bound resident's profile through the directory (so the community scope applies).</summary>
public sealed class ResidentProfiles(ResidentDirectory directory, TimeProvider time)
{
    private static readonly TimeZoneInfo Shanghai = FindZone("Asia/Shanghai") ?? TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "Asia/Shanghai", "Asia/Shanghai");

    public async Task<ResidentProfile?> FindAsync(int residentId, CancellationToken cancellationToken)
    {
        var resident = await directory.Residents.Include(r => r.Community!).ThenInclude(c => c.Street)
            .FirstOrDefaultAsync(r => r.Id == residentId, cancellationToken);
        if (resident is null)
        {
            return null;
        }

        var street = resident.Community?.Street;
        var zone = street is null ? Shanghai : FindZone(street.TimeZone) ?? Shanghai;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        return new ResidentProfile(
            resident.Id,
            resident.Name,
            resident.Language,
            Honorifics.For(resident.Name, resident.Gender, resident.BirthDate, resident.Language, today),
            resident.CommunityId,
            resident.Community?.Name,
            street?.Id,
            street?.Name,
            street?.OfficePhone ?? resident.Community?.OnDutyPhone,
            zone,
            resident.Building,
            resident.Unit);
    }

    private static TimeZoneInfo? FindZone(string id)
        => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
