namespace Outreach.Residents.Audiences;

public sealed record OrNode(AudienceNode Left, AudienceNode Right) : AudienceNode(Left.Position);
