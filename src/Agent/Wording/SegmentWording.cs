namespace Outreach.Agent.Wording;

/// <summary>
/// A segment's wording with placeholders ({name}, {honorific}, {community}, {building}, {unit}) that code fills
/// per resident.
/// </summary>
public sealed record SegmentWording(SegmentKey Segment, string Template, WordingSource Source);
