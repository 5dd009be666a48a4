using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Conversations;
using Outreach.Campaigns.Storage;
using Outreach.Residents.Timeline;

namespace Outreach.Campaigns.Conversations;

/// <summary>
/// Writes a conversation turn to the resident's timeline: what they said, the agent's answer, the outcome. A question
/// is also noted on the resident's campaign target, so the funnel counts everyone who asked, including those the agent
/// answered from the knowledge base without putting anything on the staff's desk.
/// </summary>
public sealed class ConversationRecorder(ResidentTimeline timeline, CampaignsDbContext db, TimeProvider time)
{
    /// <summary>Idempotent by <paramref name="turnRef"/> (a Twilio SID based reference).</summary>
    public async Task RecordAsync(ConversationBinding binding, TimelineKind inboundKind, string said, AgentReply reply, string turnRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(reply);
        var now = time.GetUtcNow();
        var channel = binding.Channel.ToString().ToLowerInvariant();
        await timeline.AppendAsync(Entry(binding, inboundKind, said, null, turnRef, "resident", channel, now), cancellationToken);
        if (reply.Reply is not null)
        {
            await timeline.AppendAsync(Entry(binding, TimelineKind.AgentReply, reply.Reply, null, turnRef, "agent", channel, now), cancellationToken);
        }

        if (reply.Outcome is not (ResidentOutcome.None or ResidentOutcome.Unclear))
        {
            var outcome = OutcomeName(reply.Outcome);
            await timeline.AppendAsync(Entry(binding, TimelineKind.Outcome, reply.Summary, outcome, turnRef, "agent", channel, now), cancellationToken);
        }

        if (reply.Outcome == ResidentOutcome.Question && binding.CampaignId is { } campaignId)
        {
            await db.Targets.Where(t => t.CampaignId == campaignId && t.ResidentId == binding.ResidentId && t.AskedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.AskedAt, now), cancellationToken);
        }
    }

    /// <summary>snake_case as on the timeline: confirmed, option_chosen, opted_out, …</summary>
    public static string OutcomeName(ResidentOutcome outcome)
        => string.Concat(outcome.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static TimelineEntry Entry(ConversationBinding binding, TimelineKind kind, string text, string? outcome, string turnRef, string actor, string channel, DateTimeOffset at) => new()
    {
        ResidentId = binding.ResidentId,
        At = at,
        Kind = kind,
        Channel = channel,
        CampaignId = binding.CampaignId,
        Text = text,
        Outcome = outcome,
        ExternalRef = turnRef,
        Actor = actor,
    };
}
