namespace Outreach.Residents.Timeline;

public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Items, int Page, int PageSize, int Total);
