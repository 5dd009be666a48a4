using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Wording;
using Microsoft.Extensions.Options;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Archive;
using Outreach.Storage;

namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// Freezes a campaign's audience into targets at launch, in pages by resident id. A snapshot that a crash cut short
/// resumes after the last resident it holds; the unique (campaign, resident) index keeps every resident once.
/// </summary>
public sealed class AudienceSnapshot(CampaignsDbContext db, ResidentDirectory directory, IOptions<CampaignOptions> options, TimeProvider time)
{
    private const int PageSize = 5_000;

    /// <summary>
    /// The time zone of the campaign's street as it is now (quiet hours are kept in it). Campaigns from before streets
    /// were recorded take their audience's street; null when there is none.
    /// </summary>
    public Task<string?> StreetTimeZoneAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign.StreetId is { } streetId
            ? directory.Communities.Where(c => c.StreetId == streetId).Select(c => c.Street!.TimeZone).FirstOrDefaultAsync(cancellationToken)
            : CampaignAudience.Residents(directory, campaign).OrderBy(r => r.Id).Select(r => r.Community!.Street!.TimeZone).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Returns the number of targets; <paramref name="pageTaken"/>, when given, hears after each page commits how many targets the
    /// campaign has and the ones this page added (chunk numbers follow that count, so chunks fill in order).
    /// </summary>
    public async Task<int> TakeAsync(Campaign campaign, Func<int, IReadOnlyList<CampaignTarget>, Task>? pageTaken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), QuietHours.Zone(campaign.TimeZone)).DateTime);
        var existing = db.Targets.AsNoTracking().Where(t => t.CampaignId == campaign.Id);
        var count = await existing.CountAsync(cancellationToken);
        var lastResidentId = count == 0 ? 0 : await existing.MaxAsync(t => t.ResidentId, cancellationToken);
        var households = campaign.OnePerHousehold
            ? (await existing.Where(t => t.Household != null).Select(t => new { t.CommunityId, t.Household }).ToListAsync(cancellationToken))
                .Select(h => (h.CommunityId, h.Household!)).ToHashSet()
            : [];
        var due = campaign.StartAt is { } start && start > time.GetUtcNow() ? start : time.GetUtcNow();
        while (true)
        {
            var page = await CampaignAudience.Residents(directory, campaign)
                .Where(r => r.Id > lastResidentId).OrderBy(r => r.Id).Take(PageSize)
                .Select(AudienceMember.FromResident)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return count;
            }

            lastResidentId = page[^1].Id;
            var targets = new List<CampaignTarget>(page.Count);
            foreach (var r in page)
            {
                if (campaign.OnePerHousehold && r.Household is not null && !households.Add((r.CommunityId, r.Household)))
                {
                    continue;
                }

                var target = r.ToTarget(campaign.Id, today);
                target.ChunkNo = (count + targets.Count) / options.Value.ChunkSize;
                target.DueAt = due;
                targets.Add(target);
            }

            // A page commits whole, so a resumed snapshot continues after the last resident it holds.
            IReadOnlyList<CampaignTarget> inserted;
            await using (var transaction = await db.BeginWriteAsync(cancellationToken))
            {
                inserted = await db.InsertRowsAsync(targets, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            count += inserted.Count;
            if (pageTaken is not null)
            {
                await pageTaken(count, inserted);
            }
        }
    }
}
