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

    public static async Task<ModelAgentFixture> StartAsync()
    {
        var model = await ScriptedOpenAIServer.StartAsync();
        var host = await AgentTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Provider"] = "OpenAICompatible",
            ["Agent:Endpoint"] = model.BaseUrl.ToString(),
            ["Agent:ModelId"] = "scripted",
            ["Agent:ApiKey"] = "test-key",
        });
        return new ModelAgentFixture(model, host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Model.DisposeAsync();
    }
}
