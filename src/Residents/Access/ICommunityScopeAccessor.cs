namespace Outreach.Residents.Access;

/// <summary>Gives the data query layer the current caller's community scope.</summary>
public interface ICommunityScopeAccessor
{
    CommunityScope Current { get; }
}
