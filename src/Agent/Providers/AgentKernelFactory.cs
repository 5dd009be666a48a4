using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.SemanticKernel;
using OpenAI;

namespace Outreach.Agent.Providers;

/// <summary>Builds the Semantic Kernel for the configured provider: a chat completion service and, with Agent:EmbeddingModel, an embedding generator.</summary>
public static class AgentKernelFactory
{
    public static Kernel Create(AgentOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Kernel.CreateBuilder();
        var embeddings = options.EmbeddingModel;
        switch (options.Provider)
        {
            case ModelProvider.OpenAI:
                builder.AddOpenAIChatCompletion(options.ModelId!, options.ApiKey!, httpClient: httpClient);
                if (embeddings is not null)
                {
                    builder.AddOpenAIEmbeddingGenerator(embeddings, options.ApiKey!, httpClient: httpClient);
                }

                break;
            case ModelProvider.AzureOpenAI:
                builder.AddAzureOpenAIChatCompletion(options.Deployment!, options.Endpoint!, options.ApiKey!, modelId: options.ModelId, httpClient: httpClient);
                if (embeddings is not null)
                {
                    builder.AddAzureOpenAIEmbeddingGenerator(embeddings, options.Endpoint!, options.ApiKey!, httpClient: httpClient);
                }

                break;
            case ModelProvider.OpenAICompatible:
                // Local servers (Ollama, llama.cpp) take any key; the OpenAI client requires a non-empty one.
                var key = string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey;
                builder.AddOpenAIChatCompletion(options.ModelId!, new Uri(options.Endpoint!), key, httpClient: httpClient);
                if (embeddings is not null)
                {
                    // The connector has no endpoint overload for embeddings; an OpenAI client pointed at the server is the same wire.
                    var clientOptions = new OpenAIClientOptions { Endpoint = new Uri(options.Endpoint!) };
                    if (httpClient is not null)
                    {
                        clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
                    }

                    builder.AddOpenAIEmbeddingGenerator(embeddings, new OpenAIClient(new ApiKeyCredential(key), clientOptions));
                }

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
