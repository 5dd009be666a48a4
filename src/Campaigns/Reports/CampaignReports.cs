using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Access;

namespace Outreach.Campaigns.Reports;

/// <summary>
/// Counts, funnels and the unreached list, each computed from targets and attempts in one query, and each limited to
/// the residents of the caller's communities.
/// </summary>
public sealed class CampaignReports(CampaignsDbContext db, ICommunityScopeAccessor scope)
{
    private static readonly string[] UnreachedColumns = ["resident_id", "name", "community", "building", "unit", "attempts", "given_up_at"];

    /// <summary>
    /// Writes the unreached list as CSV for grid workers (with a byte order mark, so spreadsheet programs show the
    /// Chinese names correctly). Returns the number of residents written.
    /// </summary>
    public async Task<int> WriteUnreachedCsvAsync(int campaignId, Stream destination, CancellationToken cancellationToken)
    {
        var rows = await UnreachedAsync(campaignId, cancellationToken);
        await using var csv = CsvWriter.Create(destination, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader(UnreachedColumns);
        foreach (var row in rows)
        {
            csv.WriteRecord((string?[])[row.ResidentId.ToString(CultureInfo.InvariantCulture), row.Name, row.Community, row.Building, row.Unit,
                row.Attempts.ToString(CultureInfo.InvariantCulture), row.GivenUpAt?.ToString("u", CultureInfo.InvariantCulture)]);
        }

        await csv.FlushAsync(cancellationToken);
        return rows.Count;
    }

    public Task<CampaignCounts?> CountsAsync(int campaignId, CancellationToken cancellationToken)
    {
        var allowed = scope.Current.CommunityIds;
        var targets = TargetsOf(campaignId);
        var attempts = db.Attempts.Where(a => a.CampaignId == campaignId);
        if (allowed is not null)
        {
            attempts = attempts.Where(a => targets.Any(t => t.Id == a.TargetId));
        }

        return db.Campaigns.Where(c => c.Id == campaignId).Select(c => new CampaignCounts(
            targets.Count(),
            targets.Count(t => t.Step > 0 || t.DueAt == null),
            attempts.Count(a => a.ProviderSid != null),
            attempts.Count(a => a.Status == DeliveryStatus.Delivered || a.Status == DeliveryStatus.NoReceipt || a.Status == DeliveryStatus.InProgress
                || (a.Status == DeliveryStatus.Completed && (a.AnsweredBy == null || !(a.AnsweredBy.StartsWith("machine") || a.AnsweredBy == "fax")))),
            targets.Count(t => t.RepliedAt != null),
            targets.Count(t => t.Outcome == TargetOutcome.Confirmed),
            targets.Count(t => t.Outcome == TargetOutcome.Declined),
            targets.Count(t => t.Outcome == TargetOutcome.OptionChosen),
            targets.Count(t => t.Outcome == TargetOutcome.FreeAnswer),
            targets.Count(t => t.AskedAt != null || t.Outcome == TargetOutcome.Question),
            targets.Count(t => t.Outcome == TargetOutcome.NeedsPerson),
            targets.Count(t => t.Outcome == TargetOutcome.ProblemReported),
            targets.Count(t => t.Outcome == TargetOutcome.OptedOut),
            attempts.Count(a => a.Status == DeliveryStatus.Failed || a.Status == DeliveryStatus.Undelivered),
            targets.Count(t => t.Outcome == TargetOutcome.Unreachable),
            targets.Count(t => t.Outcome == TargetOutcome.Pending)))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CommunityFunnel>> FunnelAsync(int campaignId, CancellationToken cancellationToken)
    {
        var rows = await TargetsOf(campaignId)
            .GroupBy(t => new { t.CommunityId, t.CommunityName })
            .Select(g => new
            {
                g.Key.CommunityId,
                g.Key.CommunityName,
                Targeted = g.Count(),
                Attempted = g.Count(t => t.Step > 0 || t.DueAt == null),
                Reached = g.Count(t => t.Outcome != TargetOutcome.Pending && t.Outcome != TargetOutcome.Unreachable && t.Outcome != TargetOutcome.Skipped),
                Confirmed = g.Count(t => t.Outcome == TargetOutcome.Confirmed),
                Declined = g.Count(t => t.Outcome == TargetOutcome.Declined),
                OtherAnswers = g.Count(t => t.Outcome == TargetOutcome.OptionChosen || t.Outcome == TargetOutcome.FreeAnswer),
                Questions = g.Count(t => t.AskedAt != null || t.Outcome == TargetOutcome.Question || t.Outcome == TargetOutcome.NeedsPerson || t.Outcome == TargetOutcome.ProblemReported),
                OptedOut = g.Count(t => t.Outcome == TargetOutcome.OptedOut),
                Unreachable = g.Count(t => t.Outcome == TargetOutcome.Unreachable),
                Pending = g.Count(t => t.Outcome == TargetOutcome.Pending),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.CommunityName, StringComparer.Ordinal).Select(r => new CommunityFunnel(
            r.CommunityId, r.CommunityName, r.Targeted, r.Attempted, r.Reached, r.Confirmed, r.Declined, r.OtherAnswers, r.Questions, r.OptedOut, r.Unreachable, r.Pending))];
    }

    public async Task<IReadOnlyList<UnreachedResident>> UnreachedAsync(int campaignId, CancellationToken cancellationToken)
    {
        var rows = await TargetsOf(campaignId).Where(t => t.Outcome == TargetOutcome.Unreachable)
            .Select(t => new
            {
                t.ResidentId,
                t.Name,
                t.CommunityName,
                t.Building,
                t.Unit,
                Attempts = db.Attempts.Count(a => a.CampaignId == campaignId && a.ResidentId == t.ResidentId),
                t.OutcomeAt,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.CommunityName, StringComparer.Ordinal).ThenBy(r => r.Building, StringComparer.Ordinal).ThenBy(r => r.Unit, StringComparer.Ordinal).ThenBy(r => r.ResidentId)
            .Select(r => new UnreachedResident(r.ResidentId, r.Name, r.CommunityName, r.Building, r.Unit, r.Attempts, r.OutcomeAt))];
    }

    private IQueryable<CampaignTarget> TargetsOf(int campaignId)
    {
        var allowed = scope.Current.CommunityIds;
        var targets = db.Targets.Where(t => t.CampaignId == campaignId);
        return allowed is null ? targets : targets.Where(t => allowed.Contains(t.CommunityId));
    }
}
