namespace Outreach.Residents.Audiences;

public sealed record NotNode(AudienceNode Operand, int Position) : AudienceNode(Position);
