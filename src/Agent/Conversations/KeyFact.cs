namespace Outreach.Agent.Conversations;

/// <summary>A fact a notice must carry unchanged in every wording: date, time, place, phone, amount.</summary>
public sealed record KeyFact(string Name, string Value);
