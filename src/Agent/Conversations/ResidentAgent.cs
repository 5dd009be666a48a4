using System.Runtime.CompilerServices;
using System.Threading.Channels;
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
    public Task<AgentReply> RespondAsync(ConversationRequest request, CancellationToken cancellationToken)
        => RespondAsync(request, null, cancellationToken);

    /// <summary>Streams the turn: each phrase as soon as it is known (offline: the finished answer cut into phrases).</summary>
    public async IAsyncEnumerable<AgentReplyPart> StreamAsync(ConversationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parts = Channel.CreateUnbounded<AgentReplyPart>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var producing = ProduceAsync();
        await foreach (var part in parts.Reader.ReadAllAsync(cancellationToken))
        {
            yield return part;
        }

        await producing;

        async Task ProduceAsync()
        {
            try
            {
                var reply = await RespondAsync(request, (phrase, token) => parts.Writer.WriteAsync(new AgentReplyPart(phrase), token), cancellationToken);
                parts.Writer.TryWrite(new AgentReplyPart(string.Empty, reply));
                parts.Writer.TryComplete();
            }
            catch (Exception error)
            {
                parts.Writer.TryComplete(error);
            }
        }
    }

    private async Task<AgentReply> RespondAsync(ConversationRequest request, Func<string, CancellationToken, ValueTask>? speak, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var resident = await profiles.FindAsync(request.ResidentId, cancellationToken)
            ?? throw new InvalidOperationException($"Resident {request.ResidentId} bound to the conversation was not found.");
        var conversation = await conversations.ContinueAsync(request.ResidentId, request.Notice?.CampaignId, cancellationToken);
        var history = await conversations.RecentTurnsAsync(conversation.Id, options.Value.HistoryTurns, cancellationToken);
        var turn = new TurnContext(request, resident, PromptLibrary.LanguageFor(resident.Language), conversation.Id, history);

        // STOP/START/HELP are carrier keywords: answered by fixed rules in every configuration, never by a model.
        var keyword = SmsKeywords.Classify(request.Text) != SmsKeyword.None;
        var reply = model is null || keyword ? await SpokenAsync(await offline.RespondAsync(turn, cancellationToken), speak, cancellationToken) : await ModelOrFallbackAsync(turn, speak, cancellationToken);
        await conversations.RecordAsync(conversation, request.Channel, string.IsNullOrWhiteSpace(request.Text) ? request.Digits ?? string.Empty : request.Text, reply, cancellationToken);
        return reply;
    }

    private async Task<AgentReply> ModelOrFallbackAsync(TurnContext turn, Func<string, CancellationToken, ValueTask>? speak, CancellationToken cancellationToken)
    {
        var deadline = turn.Request.Channel == ContactChannel.Voice ? options.Value.CallTurnTimeout : options.Value.SmsTurnTimeout;
        using var timeout = new CancellationTokenSource(deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await model!.RespondAsync(turn, linked.Token, speak);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            // A late or failed model must never leave a caller in silence: the offline agent answers this turn.
            logger.LogWarning(error, "Model turn for conversation {ConversationId} failed after at most {Deadline}; the offline agent answers.", turn.ConversationId, deadline);
            var reply = await offline.RespondAsync(turn, cancellationToken);
            return await SpokenAsync(reply with { ByFallback = true }, speak, cancellationToken);
        }
    }

    /// <summary>Hands a finished answer to <paramref name="speak"/> phrase by phrase.</summary>
    private static async Task<AgentReply> SpokenAsync(AgentReply reply, Func<string, CancellationToken, ValueTask>? speak, CancellationToken cancellationToken)
    {
        if (speak is not null)
        {
            foreach (var phrase in SpokenPhrases.Split(reply.Reply))
            {
                await speak(phrase, cancellationToken);
            }
        }

        return reply;
    }
}
