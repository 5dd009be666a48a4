namespace Outreach.Agent.Knowledge;

internal static class KnowledgeLimits
{
    public const int TitleLength = 200;
    public const int MarkdownLength = 50_000;
}
