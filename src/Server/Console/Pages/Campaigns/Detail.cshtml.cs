using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Access;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Reports;
using Outreach.Server.Accounts;
using Outreach.Server.StaffConsole.Localization;

namespace Outreach.Server.StaffConsole.Pages.Campaigns;

/// <summary>A campaign: preview while a draft; launch, pause, resume, cancel; live funnel and rate; report and unreached CSV.</summary>
public sealed class CampaignDetailModel(
    CampaignAccess access,
    CampaignLifecycle lifecycle,
    CampaignReports reports,
    CampaignPreview preview,
    StaffAuditLog audit,
    ConsoleText text) : PageModel
{
    public Campaign? Campaign { get; private set; }

    public CampaignCounts? Counts { get; private set; }

    public PreviewView? Preview { get; private set; }

    public IReadOnlyList<CommunityFunnel> Report { get; private set; } = [];

    /// <summary>The funnel's stages in order, each with its count.</summary>
    public IReadOnlyList<(string Stage, int Value)> Funnel => Counts is null ? [] : Stages(Counts);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Campaign = await access.Visible.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Campaign is null)
        {
            return NotFound();
        }

        if (Campaign.Status == CampaignStatus.Draft)
        {
            Preview = await preview.BuildAsync(Campaign, cancellationToken);
        }
        else
        {
            Counts = await reports.CountsAsync(id, cancellationToken);
            Report = await reports.FunnelAsync(id, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnGetProgressAsync(int id, CancellationToken cancellationToken)
    {
        var status = await access.Visible.Where(c => c.Id == id).Select(c => (CampaignStatus?)c.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return NotFound();
        }

        var counts = await reports.CountsAsync(id, cancellationToken);
        var report = await reports.FunnelAsync(id, cancellationToken);
        return new JsonResult(new
        {
            status = status.ToString(),
            statusText = text["CampaignStatus." + status],
            targeted = counts?.Targeted ?? 0,
            sent = counts?.Sent ?? 0,
            stages = counts is null ? [] : Stages(counts).Select(s => new { stage = s.Stage, value = s.Value }).ToArray(),
            communities = report.Select(r => new { id = r.CommunityId, cells = ReportCells(r) }).ToArray(),
        });
    }

    public Task<IActionResult> OnPostLaunchAsync(int id, CancellationToken cancellationToken) => ChangeAsync(id, "launched_campaign", lifecycle.LaunchAsync, cancellationToken);

    public Task<IActionResult> OnPostPauseAsync(int id, CancellationToken cancellationToken) => ChangeAsync(id, "paused_campaign", lifecycle.PauseAsync, cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(int id, CancellationToken cancellationToken) => ChangeAsync(id, "resumed_campaign", lifecycle.ResumeAsync, cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken) => ChangeAsync(id, "cancelled_campaign", lifecycle.CancelAsync, cancellationToken);

    public async Task<IActionResult> OnGetUnreachedAsync(int id, CancellationToken cancellationToken)
    {
        if (!await access.Visible.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return NotFound();
        }

        using var csv = new MemoryStream();
        var residents = await reports.WriteUnreachedCsvAsync(id, csv, cancellationToken);
        await audit.RecordAsync("exported_unreached", $"campaign {id}", $"{residents} residents", cancellationToken);
        return File(csv.ToArray(), "text/csv; charset=utf-8", $"campaign-{id}-unreached.csv");
    }

    /// <summary>A row of the per-community report, in the table's column order: the page and its polling JSON share it.</summary>
    public static object?[] ReportCells(CommunityFunnel row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return [row.Community, row.Targeted, row.Reached, row.Confirmed, row.Declined, row.Questions, row.Unreachable];
    }

    private static (string Stage, int Value)[] Stages(CampaignCounts counts) =>
    [
        ("Targeted", counts.Targeted),
        ("Sent", counts.Sent),
        ("Delivered", counts.Delivered),
        ("Replied", counts.Replied),
        ("Confirmed", counts.Confirmed),
        ("Declined", counts.Declined),
        ("Questions", counts.Questions + counts.NeedsPerson + counts.ProblemsReported),
        ("Unreachable", counts.Unreachable + counts.Failed),
    ];

    private async Task<IActionResult> ChangeAsync(int id, string action, Func<int, CancellationToken, Task<bool>> change, CancellationToken cancellationToken)
    {
        if (await change(id, cancellationToken))
        {
            await audit.RecordAsync(action, $"campaign {id}", null, cancellationToken);
        }

        return Redirect($"/campaigns/{id}");
    }
}
