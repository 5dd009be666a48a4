using System.Text.Json;
using Microsoft.SemanticKernel;

namespace Outreach.Agent.Usage;

/// <summary>Prompt and completion tokens of model calls, read from the connector's usage metadata.</summary>
public readonly record struct TokenCount(int Calls, long Prompt, long Completion)
{
    public static TokenCount operator +(TokenCount a, TokenCount b) => new(a.Calls + b.Calls, a.Prompt + b.Prompt, a.Completion + b.Completion);

    public static TokenCount Add(TokenCount a, TokenCount b) => a + b;

    /// <summary>One call's usage from a message's metadata ("Usage": OpenAI's ChatTokenUsage); zero tokens when absent.</summary>
    public static TokenCount FromMetadata(IReadOnlyDictionary<string, object?>? metadata)
    {
        if (metadata is null || !metadata.TryGetValue("Usage", out var usage) || usage is null)
        {
            return new TokenCount(1, 0, 0);
        }

        if (usage is OpenAI.Chat.ChatTokenUsage chat)
        {
            return new TokenCount(1, chat.InputTokenCount, chat.OutputTokenCount);
        }

        // Other connectors: read the common field names off the serialised object.
        var json = JsonSerializer.SerializeToElement(usage);
        static long Read(JsonElement element, params string[] names)
            => names.Select(n => element.TryGetProperty(n, out var v) && v.TryGetInt64(out var x) ? x : 0).FirstOrDefault(x => x > 0);
        return new TokenCount(1, Read(json, "InputTokenCount", "PromptTokens", "prompt_tokens"), Read(json, "OutputTokenCount", "CompletionTokens", "completion_tokens"));
    }

    public static TokenCount FromMessage(ChatMessageContent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return FromMetadata(message.Metadata);
    }
}
