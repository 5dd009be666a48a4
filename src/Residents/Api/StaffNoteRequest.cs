namespace Outreach.Residents.Api;

/// <summary>POST /api/residents/{id}/notes; <see cref="CampaignId"/> ties the note to a campaign when it is about one.</summary>
public sealed record StaffNoteRequest(string? Text, int? CampaignId);
