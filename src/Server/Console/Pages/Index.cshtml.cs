using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Access;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Inbox;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;
using Outreach.Residents.Timeline;

namespace Outreach.Server.StaffConsole.Pages;

/// <summary>The dashboard: residents in scope, today's replies, running campaigns and open inbox items.</summary>
public sealed class DashboardModel(ResidentDirectory directory, ResidentsDbContext archive, CampaignAccess campaigns, InboxDesk inbox, TimeProvider time) : PageModel
{
    public int Residents { get; private set; }

    public int RepliesToday { get; private set; }

    public int? RunningCampaigns { get; private set; }

    public int? OpenInboxItems { get; private set; }

    public IReadOnlyList<ReplyRow> LatestReplies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetLocalNow();
        var startOfDay = new DateTimeOffset(now.Date, now.Offset);
        var visible = directory.Residents;
        Residents = await visible.CountAsync(cancellationToken);
        RunningCampaigns = await campaigns.Visible.CountAsync(c => c.Status == CampaignStatus.Running || c.Status == CampaignStatus.Scheduled, cancellationToken);
        OpenInboxItems = (await inbox.ListAsync(null, null, cancellationToken)).Count(i => i.Status != InboxItemStatus.Resolved);

        // Replies of residents the caller may see: the scope comes from the directory's query.
        var replies = archive.Timeline.AsNoTracking()
            .Where(t => t.Kind == TimelineKind.InboundMessage && visible.Any(r => r.Id == t.ResidentId));
        RepliesToday = await replies.CountAsync(t => t.At >= startOfDay, cancellationToken);
        LatestReplies = await replies.OrderByDescending(t => t.At).Take(10)
            .Select(t => new ReplyRow(t.ResidentId, visible.Where(r => r.Id == t.ResidentId).Select(r => r.Name).First(), t.At, t.Text))
            .ToListAsync(cancellationToken);
    }

    public sealed record ReplyRow(int ResidentId, string ResidentName, DateTimeOffset At, string Text);
}
