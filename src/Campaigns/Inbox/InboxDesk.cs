using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Conversations;
using Outreach.Campaigns.Storage;
using Outreach.Residents.Access;
using Outreach.Residents.Archive;
using Outreach.Residents.Timeline;
using Outreach.Telephony.Messaging;

namespace Outreach.Campaigns.Inbox;

/// <summary>The community staff's desk: list, assign, answer and resolve what residents need; answers reach the resident by SMS.</summary>
public sealed class InboxDesk(
    CampaignsDbContext db,
    ResidentDirectory directory,
    ResidentTimeline timeline,
    ISmsSender sms,
    CampaignTexts texts,
    ICommunityScopeAccessor scope,
    TimeProvider time)
{
    public async Task<IReadOnlyList<InboxItem>> ListAsync(InboxItemStatus? status, int? communityId, CancellationToken cancellationToken)
    {
        var current = scope.Current;
        var items = db.Inbox.AsNoTracking();
        if (current.CommunityIds is { } allowed)
        {
            items = items.Where(i => allowed.Contains(i.CommunityId));
        }

        if (status is { } s)
        {
            items = items.Where(i => i.Status == s);
        }

        if (communityId is { } c)
        {
            items = items.Where(i => i.CommunityId == c);
        }

        return await items.OrderByDescending(i => i.Id).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>The item, if the caller's community scope allows it.</summary>
    public async Task<InboxItem?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.Inbox.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        return item is not null && scope.Current.Allows(item.CommunityId) ? item : null;
    }

    public async Task AssignAsync(InboxItem item, string assignee, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.Assignee = assignee;
        if (item.Status == InboxItemStatus.Open)
        {
            item.Status = InboxItemStatus.Assigned;
        }

        item.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Texts the staff's answer to the resident and notes it on their timeline; null when the resident has no record.</summary>
    public async Task<SmsSendResult?> ReplyAsync(InboxItem item, string text, string actor, bool resolve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var resident = await directory.FindAsync(item.ResidentId, cancellationToken);
        if (resident is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var body = texts.Get(resident.Language, "staff-reply", ("reply", text));
        var sent = await sms.SendAsync(new OutboundSms(resident.Phone, body), cancellationToken);
        await timeline.AppendAsync(new TimelineEntry
        {
            ResidentId = resident.Id,
            At = now,
            Kind = TimelineKind.OutboundMessage,
            Channel = "sms",
            CampaignId = item.CampaignId,
            Text = body,
            ExternalRef = sent.MessageSid,
            Actor = actor,
        }, cancellationToken);
        item.Reply = text;
        item.UpdatedAt = now;
        if (resolve)
        {
            Resolve(item, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    public async Task ResolveAsync(InboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        Resolve(item, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Resolve(InboxItem item, DateTimeOffset now)
    {
        item.Status = InboxItemStatus.Resolved;
        item.ResolvedAt ??= now;
        item.UpdatedAt = now;
    }
}
