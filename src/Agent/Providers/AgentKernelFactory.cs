using Microsoft.SemanticKernel;

namespace Outreach.Agent.Providers;

/// <summary>Builds the Semantic Kernel for the configured provider; one chat completion service, nothing else.</summary>
public static class AgentKernelFactory
{
    public static Kernel Create(AgentOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Kernel.CreateBuilder();
        switch (options.Provider)
        {
            case ModelProvider.OpenAI:
                builder.AddOpenAIChatCompletion(options.ModelId!, options.ApiKey!, httpClient: httpClient);
                break;
            case ModelProvider.AzureOpenAI:
                builder.AddAzureOpenAIChatCompletion(options.Deployment!, options.Endpoint!, options.ApiKey!, modelId: options.ModelId, httpClient: httpClient);
                break;
            case ModelProvider.OpenAICompatible:
                // Local servers (Ollama, llama.cpp) take any key; the OpenAI client requires a non-empty one.
                builder.AddOpenAIChatCompletion(options.ModelId!, new Uri(options.Endpoint!), string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey, httpClient: httpClient);
                break;
            case ModelProvider.Offline:
                throw new InvalidOperationException("Agent:Provider is Offline: no model kernel is built; the offline agent answers.");
            default:
                throw new InvalidOperationException($"Agent:Provider '{options.Provider}' is not supported; use Offline, OpenAI, AzureOpenAI or OpenAICompatible.");
        }

        return builder.Build();
    }

    /// <summary>The model id usage is recorded under.</summary>
    public static string ModelName(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ModelId ?? options.Deployment ?? options.Provider.ToString();
    }
}
