namespace Outreach.Agent.Usage;

/// <summary>Model calls and tokens of one agent operation (a conversation turn or a notice draft), from the provider's usage figures.</summary>
public sealed class ModelUsage
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public int? CampaignId { get; set; }

    public long? ConversationId { get; set; }

    /// <summary>conversation or notice.</summary>
    public required string Purpose { get; set; }

    public required string ModelId { get; set; }

    public int Calls { get; set; }

    public long PromptTokens { get; set; }

    public long CompletionTokens { get; set; }
}
