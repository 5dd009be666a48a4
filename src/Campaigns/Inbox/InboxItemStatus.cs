namespace Outreach.Campaigns.Inbox;

public enum InboxItemStatus
{
    Open,
    Assigned,
    Resolved,
}
