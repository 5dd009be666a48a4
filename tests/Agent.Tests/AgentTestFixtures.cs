namespace Outreach.Agent.Tests;

internal static class AgentTestFixtures
{
    /// <summary>The prompts copied next to the Agent assembly by its project file.</summary>
    public static string PromptsFolder => Path.Combine(AppContext.BaseDirectory, "prompts");
}
