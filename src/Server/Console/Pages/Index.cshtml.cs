using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;
using Outreach.Residents.Timeline;

namespace Outreach.Server.StaffConsole.Pages;

/// <summary>The dashboard: residents in scope, today's replies, running campaigns and open inbox items.</summary>
public sealed class DashboardModel(ResidentDirectory directory, ResidentsDbContext archive, TimeProvider time) : PageModel
{
    public int Residents { get; private set; }

    public int RepliesToday { get; private set; }

    /// <summary>Null until the campaign engine is composed into the host.</summary>
    public int? RunningCampaigns { get; private set; }

    /// <summary>Null until the inbox is composed into the host.</summary>
    public int? OpenInboxItems { get; private set; }

    public IReadOnlyList<ReplyRow> LatestReplies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetLocalNow();
        var startOfDay = new DateTimeOffset(now.Date, now.Offset);
        var visible = directory.Residents;
        Residents = await visible.CountAsync(cancellationToken);

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
