using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Agent.Prompts;
using Outreach.Agent.Providers;
using Outreach.Residents.Archive;
using Outreach.Telephony.Messaging;

namespace Outreach.Agent.Conversations;

/// <summary>
/// The digital social worker behind every inbound SMS and call turn: loads the bound resident and the conversation,
/// lets the model answer when one is configured (within the turn's deadline), else or on any model failure the offline
/// agent, and keeps the conversation's history.
/// </summary>
public sealed class ResidentAgent(
    ResidentProfiles profiles,
    ConversationStore conversations,
    OfflineResponder offline,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<ResidentAgent> logger,
    ModelResponder? model = null) : IResidentAgent
{
    public async Task<AgentReply> RespondAsync(ConversationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var resident = await profiles.FindAsync(request.ResidentId, cancellationToken)
            ?? throw new InvalidOperationException($"Resident {request.ResidentId} bound to the conversation was not found.");
        var conversation = await conversations.ContinueAsync(request.ResidentId, request.Notice?.CampaignId, cancellationToken);
        var history = await conversations.RecentTurnsAsync(conversation.Id, options.Value.HistoryTurns, cancellationToken);
        var turn = new TurnContext(request, resident, PromptLibrary.LanguageFor(resident.Language), conversation.Id, history);

        // STOP/START/HELP are carrier keywords: answered by fixed rules in every configuration, never by a model.
        var keyword = SmsKeywords.Classify(request.Text) != SmsKeyword.None;
        var reply = model is null || keyword ? await offline.RespondAsync(turn, cancellationToken) : await ModelOrFallbackAsync(turn, cancellationToken);
        await conversations.RecordAsync(conversation, request.Channel, string.IsNullOrWhiteSpace(request.Text) ? request.Digits ?? string.Empty : request.Text, reply, cancellationToken);
        return reply;
    }

    private async Task<AgentReply> ModelOrFallbackAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var deadline = turn.Request.Channel == ContactChannel.Voice ? options.Value.CallTurnTimeout : options.Value.SmsTurnTimeout;
        using var timeout = new CancellationTokenSource(deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await model!.RespondAsync(turn, linked.Token);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            // A late or failed model must never leave a caller in silence: the offline agent answers this turn.
            logger.LogWarning(error, "Model turn for conversation {ConversationId} failed after at most {Deadline}; the offline agent answers.", turn.ConversationId, deadline);
            var reply = await offline.RespondAsync(turn, cancellationToken);
            return reply with { ByFallback = true };
        }
    }
}
