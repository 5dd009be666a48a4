namespace Outreach.Residents.Api;

public sealed record TimelinePageDto(IReadOnlyList<TimelineEntryDto> Items, int Page, int PageSize, int Total);
