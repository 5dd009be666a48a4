namespace Outreach.Residents.Api;

/// <summary>GET /api/residents/{id}: the record and one page of its timeline, newest first.</summary>
public sealed record ResidentRecordDto(ResidentDto Resident, TimelinePageDto Timeline);
