using Microsoft.Extensions.Options;

namespace Outreach.Agent.Providers;

/// <summary>Checks at start that the chosen provider has what it needs, naming the missing setting.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var failures = new List<string>();
        void Require(string? value, string setting, string why)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"Agent:{setting} is required when Agent:Provider is {options.Provider} ({why}).");
            }
        }

        switch (options.Provider)
        {
            case ModelProvider.Offline:
                break;
            case ModelProvider.OpenAI:
                Require(options.ModelId, nameof(options.ModelId), "e.g. gpt-4o-mini");
                Require(options.ApiKey, nameof(options.ApiKey), "the OpenAI API key");
                break;
            case ModelProvider.AzureOpenAI:
                Require(options.Deployment, nameof(options.Deployment), "the Azure OpenAI deployment name");
                Require(options.Endpoint, nameof(options.Endpoint), "e.g. https://my-resource.openai.azure.com/");
                Require(options.ApiKey, nameof(options.ApiKey), "the Azure OpenAI key");
                break;
            case ModelProvider.OpenAICompatible:
                Require(options.ModelId, nameof(options.ModelId), "e.g. qwen-plus, deepseek-chat, llama3.1");
                Require(options.Endpoint, nameof(options.Endpoint), "the server's base URL, e.g. http://localhost:11434/v1");
                break;
            default:
                failures.Add($"Agent:Provider '{options.Provider}' is not supported; use Offline, OpenAI, AzureOpenAI or OpenAICompatible.");
                break;
        }

        if (!string.IsNullOrWhiteSpace(options.Endpoint) && !Uri.TryCreate(options.Endpoint, UriKind.Absolute, out _))
        {
            failures.Add($"Agent:Endpoint '{options.Endpoint}' is not an absolute URL.");
        }

        if (!string.IsNullOrWhiteSpace(options.EmbeddingModel) && options.Provider == ModelProvider.Offline)
        {
            failures.Add("Agent:EmbeddingModel is set but Agent:Provider is Offline: embeddings come from the configured provider; set Agent:Provider or remove Agent:EmbeddingModel.");
        }

        if (options.EmbeddingThreshold is <= 0 or > 1)
        {
            failures.Add($"Agent:EmbeddingThreshold must be a cosine similarity above 0 and at most 1 (e.g. 0.5), not {options.EmbeddingThreshold}.");
        }

        if (options.EmbeddingTimeout <= TimeSpan.Zero)
        {
            failures.Add("Agent:EmbeddingTimeout must be positive (e.g. 00:00:02).");
        }

        if (options.CallTurnTimeout <= TimeSpan.Zero || options.SmsTurnTimeout <= TimeSpan.Zero)
        {
            failures.Add("Agent:CallTurnTimeout and Agent:SmsTurnTimeout must be positive (e.g. 00:00:03).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
