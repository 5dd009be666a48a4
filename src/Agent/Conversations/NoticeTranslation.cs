namespace Outreach.Agent.Conversations;

/// <summary>The staff's own title and body of a notice in another language (a BCP-47 tag such as en).</summary>
public sealed record NoticeTranslation(string Language, string Title, string Body);
