namespace Outreach.Residents.Audiences;

/// <summary>A node of a parsed audience expression; <see cref="Position"/> is where it starts in the text.</summary>
public abstract record AudienceNode(int Position);
