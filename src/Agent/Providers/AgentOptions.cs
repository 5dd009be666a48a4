namespace Outreach.Agent.Providers;

/// <summary>Configuration section "Agent": which model answers, and how long a turn may take before the offline agent does.</summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    public ModelProvider Provider { get; set; } = ModelProvider.Offline;

    /// <summary>Model id (OpenAI, compatible endpoints); for Azure OpenAI the deployment's model, informational.</summary>
    public string? ModelId { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Base URL: the Azure OpenAI resource, or an OpenAI-compatible server (e.g. http://localhost:11434/v1).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Azure OpenAI deployment name.</summary>
    public string? Deployment { get; set; }

    /// <summary>
    /// The provider's embedding model (for Azure OpenAI, its deployment), e.g. text-embedding-3-small or bge-m3. When set,
    /// knowledge retrieval fuses embedding similarity with the lexical index; unset, retrieval is lexical only.
    /// </summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>Minimum cosine similarity for a passage to count as an answer by embeddings.</summary>
    public double EmbeddingThreshold { get; set; } = 0.5;

    /// <summary>How long a question's embedding may take before retrieval goes on lexically.</summary>
    public TimeSpan EmbeddingTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a call turn may wait for the model before the offline agent answers.</summary>
    public TimeSpan CallTurnTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan SmsTurnTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where prompt files live; default: the prompts folder next to the application.</summary>
    public string? PromptsPath { get; set; }

    /// <summary>Minimum BM25 score for a knowledge passage to count as an answer.</summary>
    public double KnowledgeThreshold { get; set; } = 2.0;

    /// <summary>Seeds the demo knowledge documents into an empty knowledge base at start.</summary>
    public bool SeedDemoKnowledge { get; set; } = true;

    /// <summary>How many earlier turns of the conversation a model prompt carries.</summary>
    public int HistoryTurns { get; set; } = 12;

    public string ResolvedPromptsPath => PromptsPath ?? Path.Combine(AppContext.BaseDirectory, "prompts");
}
