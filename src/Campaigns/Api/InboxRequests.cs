namespace Outreach.Campaigns.Api;

public sealed record AssignRequest(string? Assignee);

/// <summary>The staff's answer, texted to the resident.</summary>
public sealed record ReplyRequest(string? Text);
