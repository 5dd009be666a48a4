namespace Outreach.Residents.Access;

/// <summary>Which communities the current caller may see. <see cref="All"/> for street admins and system work.</summary>
public sealed record CommunityScope(IReadOnlySet<int>? CommunityIds)
{
    public static CommunityScope All { get; } = new((IReadOnlySet<int>?)null);

    public bool IsUnrestricted => CommunityIds is null;

    public bool Allows(int communityId) => CommunityIds is null || CommunityIds.Contains(communityId);
}
