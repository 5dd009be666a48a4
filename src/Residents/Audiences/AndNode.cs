namespace Outreach.Residents.Audiences;

public sealed record AndNode(AudienceNode Left, AudienceNode Right) : AudienceNode(Left.Position);
