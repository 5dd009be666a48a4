namespace Outreach.Residents.Api;

public sealed record AudienceCountDto(string Audience, int Count);
