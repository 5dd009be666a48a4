using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Conversations;
using Outreach.Campaigns.Inbox;
using Outreach.Campaigns.Slots;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Archive;

namespace Outreach.Campaigns.Conversations;

/// <summary>
/// What the agent may do in one conversation, bound by the server to one resident (and the campaign the
/// conversation is about). Nothing here takes a resident id: the model cannot name another resident.
/// </summary>
public sealed class ConversationActions(
    CampaignsDbContext db,
    ResidentConsent consent,
    TimeProvider time,
    ConversationBinding binding) : IConversationActions
{
    public ConversationBinding Binding => binding;

    public async Task RecordResponseAsync(ResidentOutcome outcome, string? chosenOption, string? freeText, CancellationToken cancellationToken)
    {
        var mapped = outcome switch
        {
            ResidentOutcome.Confirmed => TargetOutcome.Confirmed,
            ResidentOutcome.Declined => TargetOutcome.Declined,
            ResidentOutcome.OptionChosen => TargetOutcome.OptionChosen,
            ResidentOutcome.FreeAnswer => TargetOutcome.FreeAnswer,
            _ => (TargetOutcome?)null,
        };
        if (mapped is not { } value || binding.CampaignId is not { } campaignId)
        {
            return;
        }

        var now = time.GetUtcNow();
        var answer = chosenOption ?? freeText;
        // An answer replaces an earlier answer (residents change their minds) but never an opt-out.
        await db.Targets.Where(t => t.CampaignId == campaignId && t.ResidentId == binding.ResidentId && t.Outcome != TargetOutcome.OptedOut)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Outcome, value).SetProperty(t => t.ChosenOption, answer).SetProperty(t => t.OutcomeAt, now).SetProperty(t => t.DueAt, (DateTimeOffset?)null), cancellationToken);
    }

    public Task<SlotBookingResult> BookSlotAsync(string slot, CancellationToken cancellationToken)
        => binding.CampaignId is { } campaignId
            ? new SlotBook(db, time).BookAsync(campaignId, binding.ResidentId, slot, cancellationToken)
            : Task.FromResult(new SlotBookingResult(SlotBookingStatus.NotASlot, slot));

    public Task<string> AskStaffAsync(string question, CancellationToken cancellationToken)
        => RaiseAsync(InboxItemKind.Question, question, TargetOutcome.Question, cancellationToken);

    public Task<string> RequestCallbackAsync(string reason, CancellationToken cancellationToken)
        => RaiseAsync(InboxItemKind.Callback, reason, TargetOutcome.NeedsPerson, cancellationToken);

    public Task<string> ReportProblemAsync(string description, CancellationToken cancellationToken)
        => RaiseAsync(InboxItemKind.Problem, description, TargetOutcome.ProblemReported, cancellationToken);

    public async Task OptOutAsync(CancellationToken cancellationToken)
    {
        await consent.OptOutAsync(binding.ResidentId, binding.ChannelName, binding.ExternalRef, cancellationToken);
        var now = time.GetUtcNow();
        // Opted out everywhere: no campaign contacts this resident again.
        await db.Targets.Where(t => t.ResidentId == binding.ResidentId && t.Outcome != TargetOutcome.OptedOut)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Outcome, TargetOutcome.OptedOut).SetProperty(t => t.OutcomeAt, now).SetProperty(t => t.DueAt, (DateTimeOffset?)null), cancellationToken);
    }

    public Task OptInAsync(CancellationToken cancellationToken)
        => consent.OptInAsync(binding.ResidentId, binding.ChannelName, binding.ExternalRef, cancellationToken);

    /// <summary>Puts an item on the community staff's desk, once per conversation turn, and notes it on the target.</summary>
    private async Task<string> RaiseAsync(InboxItemKind kind, string text, TargetOutcome outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var item = new InboxItem
        {
            CommunityId = binding.CommunityId,
            ResidentId = binding.ResidentId,
            CampaignId = binding.CampaignId,
            Kind = kind,
            Text = text.Length > 2000 ? text[..2000] : text,
            Status = InboxItemStatus.Open,
            ExternalRef = binding.ExternalRef,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var inserted = await db.InsertNewAsync([item], null, cancellationToken);
        var id = inserted.Count > 0
            ? item.Id
            : await db.Inbox.Where(i => i.Kind == kind && i.ExternalRef == binding.ExternalRef).Select(i => i.Id).FirstAsync(cancellationToken);
        if (binding.CampaignId is { } campaignId)
        {
            // A question does not overwrite an answer already given.
            await db.Targets.Where(t => t.CampaignId == campaignId && t.ResidentId == binding.ResidentId && (t.Outcome == TargetOutcome.Pending || t.Outcome == TargetOutcome.Reached))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Outcome, outcome).SetProperty(t => t.OutcomeAt, now).SetProperty(t => t.DueAt, (DateTimeOffset?)null), cancellationToken);
        }

        return $"#{id}";
    }
}
