using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Storage;
using Outreach.Residents.Archive;

namespace Outreach.Agent.Conversations;

/// <summary>
/// Keeps each resident's conversation per campaign, so a call followed by an SMS continues the same one. A message
/// with no campaign joins the resident's conversation of the last day, else starts a new one.
/// </summary>
public sealed class ConversationStore(AgentDbContext db, TimeProvider time)
{
    private static readonly TimeSpan LooseThreadWindow = TimeSpan.FromDays(1);

    public async Task<Conversation> ContinueAsync(int residentId, int? campaignId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var conversation = campaignId is null
            ? await db.Conversations.Where(c => c.ResidentId == residentId && c.LastTurnAt >= now - LooseThreadWindow)
                .OrderByDescending(c => c.LastTurnAt).FirstOrDefaultAsync(cancellationToken)
            : await db.Conversations.FirstOrDefaultAsync(c => c.ResidentId == residentId && c.CampaignId == campaignId, cancellationToken);
        if (conversation is null)
        {
            conversation = new Conversation { ResidentId = residentId, CampaignId = campaignId, StartedAt = now, LastTurnAt = now };
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync(cancellationToken);
        }

        return conversation;
    }

    /// <summary>The last turns, oldest first.</summary>
    public async Task<List<ConversationTurn>> RecentTurnsAsync(long conversationId, int count, CancellationToken cancellationToken)
    {
        var turns = await db.Turns.AsNoTracking().Where(t => t.ConversationId == conversationId)
            .OrderByDescending(t => t.Id).Take(count).ToListAsync(cancellationToken);
        turns.Reverse();
        return turns;
    }

    public async Task RecordAsync(Conversation conversation, ContactChannel channel, string residentText, AgentReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(reply);
        var now = time.GetUtcNow();
        db.Turns.Add(new ConversationTurn { ConversationId = conversation.Id, At = now, Speaker = Speaker.Resident, Channel = channel, Text = Clip(residentText), Outcome = reply.Outcome });
        if (reply.Reply is not null)
        {
            db.Turns.Add(new ConversationTurn { ConversationId = conversation.Id, At = now, Speaker = Speaker.Agent, Channel = channel, Text = Clip(reply.Reply), Outcome = reply.Outcome, ByFallback = reply.ByFallback });
        }

        conversation.LastTurnAt = now;
        if (reply.Outcome is not (ResidentOutcome.None or ResidentOutcome.Unclear) || conversation.Outcome == ResidentOutcome.None)
        {
            conversation.Outcome = reply.Outcome;
            conversation.Summary = reply.Summary.Length > 500 ? reply.Summary[..500] : reply.Summary;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Clip(string text) => text.Length > 4000 ? text[..4000] : text;
}
