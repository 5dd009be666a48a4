namespace Outreach.Agent.Providers;

public enum ModelProvider
{
    /// <summary>No model: the rule-based interpreter and the knowledge base answer.</summary>
    Offline,
    OpenAI,
    AzureOpenAI,
    /// <summary>Any OpenAI-compatible endpoint (Qwen, DeepSeek, Ollama, vLLM, llama.cpp) given Endpoint, ApiKey and ModelId.</summary>
    OpenAICompatible,
}
