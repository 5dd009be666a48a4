using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Wording;
using Outreach.Campaigns.Dispatch;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Archive;

namespace Outreach.Campaigns.Definition;

/// <summary>
/// A campaign's wordings: drafted once per segment (by the agent's notice writer), stored, and filled per resident
/// by code. Model calls grow with segments, never with residents.
/// </summary>
public sealed class SegmentWordings(CampaignsDbContext db, INoticeWriter writer)
{
    /// <summary>
    /// Drafting a campaign's wordings is one at a time per campaign in this process, so a launch job Hangfire runs
    /// twice asks the model once; the unique (campaign, language, audience, channel) index keeps one wording stored
    /// when servers race. Striped, so the gates stay few however many campaigns a process launches.
    /// </summary>
    private static readonly SemaphoreSlim[] Drafting = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>The segments a campaign's snapshot needs: language × audience trait × every channel of the plan.</summary>
    public async Task<IReadOnlyCollection<SegmentKey>> SegmentsOfTargetsAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var groups = await db.Targets.AsNoTracking().Where(t => t.CampaignId == campaign.Id)
            .Select(t => new { t.Language, t.Segment, t.PreferredChannel }).Distinct().ToListAsync(cancellationToken);
        return SegmentsOf(campaign, groups.Select(g => (g.Language, g.Segment, g.PreferredChannel)));
    }

    /// <summary>The segments these targets need (language, audience trait, preferred channel): every channel of the plan.</summary>
    public static IReadOnlySet<SegmentKey> SegmentsOf(Campaign campaign, IEnumerable<(string Language, string Segment, ContactChannel PreferredChannel)> targets)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(targets);
        return targets.Distinct()
            .SelectMany(t => ChannelPlan.Steps(campaign, t.PreferredChannel).Distinct().Select(channel => new SegmentKey(t.Language, t.Segment, channel)))
            .ToHashSet();
    }

    /// <summary>Drafts the wordings not drafted yet and returns all of the campaign's wordings.</summary>
    public async Task<IReadOnlyList<CampaignWording>> EnsureAsync(Campaign campaign, IReadOnlyCollection<SegmentKey> segments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(segments);
        var gate = Drafting[(campaign.Id & int.MaxValue) % Drafting.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await DraftMissingAsync(campaign, segments, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<CampaignWording>> DraftMissingAsync(Campaign campaign, IReadOnlyCollection<SegmentKey> segments, CancellationToken cancellationToken)
    {
        var existing = await db.Wordings.AsNoTracking().Where(w => w.CampaignId == campaign.Id).ToListAsync(cancellationToken);
        var have = existing.Select(w => w.Key).ToHashSet();
        var missing = segments.Where(s => !have.Contains(s)).ToList();
        if (missing.Count == 0)
        {
            return existing;
        }

        var drafted = await writer.DraftAsync(campaign.ToNotice(), missing, cancellationToken);
        var rows = drafted.Select(d => new CampaignWording
        {
            CampaignId = campaign.Id,
            Language = d.Segment.Language,
            Audience = d.Segment.Audience,
            Channel = d.Segment.Channel,
            Template = d.Template,
            Source = d.Source,
        }).ToList();
        await db.InsertNewAsync(rows, null, cancellationToken);
        return await db.Wordings.AsNoTracking().Where(w => w.CampaignId == campaign.Id).ToListAsync(cancellationToken);
    }

    public async Task<WordingBook> LoadAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var wordings = await db.Wordings.AsNoTracking().Where(w => w.CampaignId == campaign.Id).ToListAsync(cancellationToken);
        return new WordingBook(campaign, wordings.ToDictionary(w => w.Key, w => w.ToSegmentWording()), writer);
    }

    public static ResidentDetails DetailsOf(CampaignTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new ResidentDetails(target.Name, target.Honorific, target.CommunityName, target.Building, target.Unit);
    }

    /// <summary>The audience trait group a resident's wording is written for.</summary>
    public static string SegmentOf(IReadOnlyCollection<string> tags, DateOnly? birthDate, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var age = birthDate is { } born ? today.Year - born.Year - (today.DayOfYear < born.DayOfYear ? 1 : 0) : (int?)null;
        if (tags.Contains("elderly") || age >= 70)
        {
            return "elderly";
        }

        return tags.Contains("living_alone") ? "living_alone" : "general";
    }
}
