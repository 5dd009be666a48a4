using Outreach.Agent.Providers;

namespace Outreach.Agent.Tests.Providers;

public sealed class AgentOptionsValidatorTests
{
    private static readonly AgentOptions Compatible = new() { Provider = ModelProvider.OpenAICompatible, Endpoint = "http://localhost:11434/v1", ModelId = "qwen2.5" };

    [Fact]
    public void An_embedding_model_with_a_provider_is_valid()
        => Assert.True(new AgentOptionsValidator().Validate(null, With(o => o.EmbeddingModel = "bge-m3")).Succeeded);

    [Theory]
    [InlineData("offline-embeddings", "Agent:EmbeddingModel is set but Agent:Provider is Offline")]
    [InlineData("threshold", "Agent:EmbeddingThreshold must be a cosine similarity")]
    [InlineData("timeout", "Agent:EmbeddingTimeout must be positive")]
    [InlineData("no-model", "Agent:ModelId is required when Agent:Provider is OpenAICompatible")]
    public void A_wrong_setting_fails_the_start_naming_it(string wrong, string message)
    {
        var options = wrong switch
        {
            "offline-embeddings" => new AgentOptions { EmbeddingModel = "bge-m3" },
            "threshold" => With(o => o.EmbeddingThreshold = 1.5),
            "timeout" => With(o => o.EmbeddingTimeout = TimeSpan.Zero),
            _ => With(o => o.ModelId = null),
        };

        var result = new AgentOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    private static AgentOptions With(Action<AgentOptions> change)
    {
        var options = new AgentOptions { Provider = Compatible.Provider, Endpoint = Compatible.Endpoint, ModelId = Compatible.ModelId };
        change(options);
        return options;
    }
}
