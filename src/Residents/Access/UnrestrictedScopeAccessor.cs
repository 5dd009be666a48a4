namespace Outreach.Residents.Access;

/// <summary>The scope of system work (jobs, webhooks): every community. The server replaces it for staff requests.</summary>
public sealed class UnrestrictedScopeAccessor : ICommunityScopeAccessor
{
    public CommunityScope Current => CommunityScope.All;
}
