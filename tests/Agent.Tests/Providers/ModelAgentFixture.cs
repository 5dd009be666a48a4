namespace Outreach.Agent.Tests.Providers;

/// <summary>An agent host whose model is the scripted OpenAI-compatible server, reached through the real SK connector.</summary>
internal sealed class ModelAgentFixture : IAsyncDisposable
{
    private ModelAgentFixture(ScriptedOpenAIServer model, AgentTestHost host)
    {
        Model = model;
        Host = host;
    }

    public ScriptedOpenAIServer Model { get; }

    public AgentTestHost Host { get; }

    /// <param name="embeddingModel">Agent:EmbeddingModel; null leaves retrieval lexical.</param>
    public static async Task<ModelAgentFixture> StartAsync(string? embeddingModel = null, Action<ScriptedOpenAIServer>? script = null)
    {
        var model = await ScriptedOpenAIServer.StartAsync();
        script?.Invoke(model);
        var host = await AgentTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Provider"] = "OpenAICompatible",
            ["Agent:Endpoint"] = model.BaseUrl.ToString(),
            ["Agent:ModelId"] = "scripted",
            ["Agent:ApiKey"] = "test-key",
            ["Agent:EmbeddingModel"] = embeddingModel,
        });
        return new ModelAgentFixture(model, host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Model.DisposeAsync();
    }
}
